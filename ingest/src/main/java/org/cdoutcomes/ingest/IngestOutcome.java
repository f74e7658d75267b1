package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.util.List;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;

/**
 * A finished (or failed) ingest run: its id, the Batch execution, its status, the reject report and each file's counts.
 *
 * @param failure what failed the run, null when it did not fail
 */
public record IngestOutcome(long runId, long jobExecutionId, String status, Path rejectsFile, List<FileResult> files, Throwable failure) {
    public IngestOutcome {
        files = List.copyOf(files);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public boolean anyFileFailed() {
        return files.stream().anyMatch(FileResult::failed);
    }
}
