package org.cdoutcomes.app.jobs;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.model.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cdo jobs}: recent job executions with status and counts, newest first. */
@Command(name = "jobs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Lists recent job executions, newest first: status, start and end, rows read / written / skipped, exit message.",
        description = {
                "Lists the executions of cdo's jobs (ingest, run, report) on this",
                "database, newest first: id, job, status, start and end, rows read,",
                "written (inserted or updated) and skipped (rejected), and why it ended.",
                "An execution whose process was killed says so: cdo restart ID resumes it.",
                ""},
        footer = {"",
                "Examples:",
                "  cdo jobs",
                "  cdo jobs --limit 100",
                "  cdo restart 42",
                "      resumes execution 42 where it stopped",
                "",
                "Exit status: 0 listed, 1 the database server has no connection left (try",
                "again later), 2 bad usage or configuration (such as a database that cannot",
                "be reached)."})
public class JobsCommand implements Callable<Integer> {
    /** How cdo says a time to the second: in this list, and in the scheduler's log. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] HEADER = {"ID", "JOB", "STATUS", "STARTED", "ENDED", "READ", "WRITTEN", "SKIPPED", "MESSAGE"};

    @Mixin
    DatabaseOptions database;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many executions to list (default: ${DEFAULT-VALUE})")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit expects a whole number of 1 or more, got " + limit);
        }
        List<JobExecutionSummary> executions;
        try (CdoContext cdo = CdoContext.open(database)) {
            executions = new JobExecutions(cdo.dataSource()).recent(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (executions.isEmpty()) {
            out.println("No job executions yet.");
        } else {
            print(executions, out);
        }
        out.flush();
        return 0;
    }

    static void print(List<JobExecutionSummary> executions, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JobExecutionSummary e : executions) {
            // a job name is another application's on a shared job repository: printable too
            rows.add(new String[] {Long.toString(e.id()), Printable.of(e.jobName()), e.status(), time(e.started()), time(e.ended()),
                    Long.toString(e.read()), Long.toString(e.written()), Long.toString(e.skipped()), Printable.of(e.exitMessage())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String time(LocalDateTime time) {
        return time == null ? "-" : TIME.format(time);
    }
}
