package org.cdoutcomes.app.pipeline;

import java.io.Serializable;
import java.util.List;

/** What ingesting a run's files gave, file by file; kept in the job's execution context, hence serializable. */
public record IngestOutcome(List<FileOutcome> files) implements Serializable {
    public IngestOutcome {
        files = List.copyOf(files);
    }

    public long failedFiles() {
        return files.stream().filter(FileOutcome::failed).count();
    }

    public long readFiles() {
        return files.size() - failedFiles();
    }

    public long total(java.util.function.ToLongFunction<FileOutcome> count) {
        return files.stream().mapToLong(count).sum();
    }
}
