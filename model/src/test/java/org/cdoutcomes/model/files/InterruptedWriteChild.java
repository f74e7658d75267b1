package org.cdoutcomes.model.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A process that writes {@code args[0]} and never finishes: the test interrupts it as Ctrl-C would. */
public final class InterruptedWriteChild {
    private InterruptedWriteChild() {
    }

    public static void main(String[] args) throws Exception {
        OutputFiles.write(Path.of(args[0]), target -> target.resolveSibling(target.getFileName() + ".partial"), out -> {
            out.write("half a report".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("interrupted");
            }
        });
    }
}
