package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What to ingest: files and folders as the user named them; where the reject report goes (null: rejects-RUN.csv in
 * the working directory); the date pattern of text dates (null: ISO yyyy-MM-dd).
 */
public record IngestRequest(List<String> paths, Path rejectsFile, String dateFormat) {
    public IngestRequest {
        paths = List.copyOf(paths);
    }
}
