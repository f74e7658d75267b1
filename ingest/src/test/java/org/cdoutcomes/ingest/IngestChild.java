package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/** Runs one ingest in its own JVM (to be killed mid-way by a test); prints its progress as PROGRESS lines. */
public final class IngestChild {
    private IngestChild() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        List<String> paths = Arrays.asList(args).subList(1, args.length);
        try (IngestTestContext ctx = new IngestTestContext(dataSource)) {
            ctx.bean(Ingester.class).ingest(new IngestRequest(paths, Path.of(paths.get(0)).toAbsolutePath().resolveSibling("child-rejects.csv"), null),
                    (file, rows, share, done) -> {
                        System.out.println("PROGRESS " + (done ? "done " : "rows ") + rows + " " + file);
                        System.out.flush();
                    });
        }
        System.out.println("PROGRESS finished");
    }
}
