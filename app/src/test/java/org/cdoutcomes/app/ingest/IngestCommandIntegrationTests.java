package org.cdoutcomes.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cdoutcomes.app.CdoMain;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandIntegrationTests {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run cdo(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true));
            System.setErr(new PrintStream(stderr, true));
            int code = CdoMain.run(args);
            return new Run(code, stdout.toString(), stderr.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void rejectedRowsExitZeroAndAFailedFileExitsOne() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.fresh("cdo_ingest_command"));
        Files.writeString(dir.resolve("visits.csv"), "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n"
                + "V1,SECRET-PATIENT,2025-01-02,Botox,SCM,L,20\nV2,SECRET-PATIENT,2025-01-02,Botox,SCM,L,0\n");
        Path rejects = dir.resolve("out/rejects.csv");

        Run ok = cdo("ingest", "--db", url, dir.toString(), "--rejects", rejects.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("1 row rejected; reject report: " + rejects.toAbsolutePath()), ok.out());
        assertEquals(List.of("file,line,column,code,message",
                        dir.resolve("visits.csv") + ",3,dose_units,OUT_OF_RANGE,The dose in column dose_units must be more than 0 units."),
                Files.readAllLines(rejects));

        Run failed = cdo("ingest", "--db", url, dir.resolve("visits.csv").toString(), dir.resolve("symptoms.csv").toString(),
                "--rejects", rejects.toString());
        assertEquals(1, failed.exitCode());
        assertTrue(failed.err().contains("cannot read " + dir.resolve("symptoms.csv") + ": it does not exist."), failed.err());
        assertTrue(!failed.out().contains("SECRET") && !failed.err().contains("SECRET"), "no patient id in any output");
    }

    @Test
    void badDateFormatIsBadUsage() {
        Run run = cdo("ingest", "--db", "jdbc:postgresql://127.0.0.1:1/none", "--date-format", "yyyy-MM", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--date-format"), run.err());
    }
}
