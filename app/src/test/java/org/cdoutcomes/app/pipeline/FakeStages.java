package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test code: a small real implementation of the stages over tables of its own. Ingest stores each data line of a
 * file (a line containing {@code BAD} is rejected), committing file by file as a real chunked ingest would, and is
 * idempotent per run; a file that is empty or starts with {@code unreadable} fails. The report counts what is stored.
 * Hooks let a test block, fail or halt at named points, and every stage call is recorded with its time span.
 */
public class FakeStages implements PipelineStages {
    public static final String UNREADABLE_REASON = "no header line: expected a CSV export with a header row";

    private final JdbcTemplate jdbc;
    private final Map<String, Consumer<String>> hooks = new ConcurrentHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** One call of a stage: which, for which run, and when (System.nanoTime) it began and ended. */
    public record Call(String stage, String runId, long began, long ended) {
    }

    public FakeStages(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table if not exists fake_rows (file_name text, line int, value text, primary key (file_name, line))");
        jdbc.execute("create table if not exists fake_runs (run_id text primary key, files int, rows int, run_date date)");
    }

    /** Runs {@code action} with the run id at the named point: ingest, ingest-after-first-file, report, report-after-json. */
    public void on(String point, Consumer<String> action) {
        hooks.put(point, action);
    }

    /** Throws once at the named point, then behaves. */
    public void failOnceAt(String point) {
        on(point, runId -> {
            hooks.remove(point);
            throw new IllegalStateException("failure injected at " + point);
        });
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private void at(String point, String runId) {
        Consumer<String> hook = hooks.get(point);
        if (hook != null) {
            hook.accept(runId);
        }
    }

    @Override
    public IngestOutcome ingest(String runId, LocalDate runDate, List<Path> files, Path rejectsFile) {
        long began = System.nanoTime();
        at("ingest", runId);
        List<FileOutcome> outcomes = new ArrayList<>();
        StringBuilder rejects = new StringBuilder("file,line,column,code,message\n");
        long stored = 0;
        for (Path file : expand(files)) {
            String text = read(file);
            if (text == null || text.isBlank() || text.startsWith("unreadable")) {
                outcomes.add(FileOutcome.failed(file, UNREADABLE_REASON));
            } else {
                List<String> rows = text.lines().skip(1).toList();
                long rejected = 0;
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).contains("BAD")) {
                        rejected++;
                        rejects.append(file.getFileName()).append(',').append(i + 2).append(",value,BAD_NUMBER,not a number\n");
                    } else {
                        jdbc.update("insert into fake_rows values (?, ?, ?) on conflict (file_name, line) do update set value = excluded.value",
                                file.getFileName().toString(), i + 2, rows.get(i));
                        stored++;
                    }
                }
                outcomes.add(FileOutcome.read(file, rows.size(), rows.size() - rejected, 0, 0, rejected, 0, 0));
            }
            if (outcomes.size() == 1) {
                at("ingest-after-first-file", runId);
            }
        }
        jdbc.update("insert into fake_runs values (?, ?, ?, ?) on conflict (run_id) do update set files = excluded.files, rows = excluded.rows, run_date = excluded.run_date",
                runId, outcomes.size(), stored, runDate);
        write(rejectsFile, rejects.toString());
        calls.add(new Call("ingest", runId, began, System.nanoTime()));
        return new IngestOutcome(outcomes);
    }

    @Override
    public ReportOutcome analyzeAndReport(String runId, LocalDateTime runTime, Path folder) {
        LocalDate asOf = runTime.toLocalDate();
        long began = System.nanoTime();
        at("report", runId);
        long rows = jdbc.queryForObject("select count(*) from fake_rows", Long.class);
        long files = jdbc.queryForObject("select count(distinct file_name) from fake_rows", Long.class);
        LocalDate quarterStart = asOf.withDayOfMonth(1).withMonth((asOf.getMonthValue() - 1) / 3 * 3 + 1).minusMonths(3);
        String period = quarterStart.getYear() + "-Q" + ((quarterStart.getMonthValue() - 1) / 3 + 1);
        write(folder.resolve("analysis.json"), "{\"asOf\":\"" + asOf + "\",\"period\":\"" + period + "\",\"rows\":" + rows + ",\"files\":" + files + "}\n");
        at("report-after-json", runId);
        write(folder.resolve("report-" + period + ".xlsx"), "period,rows\n" + period + "," + rows + "\n");
        calls.add(new Call("report", runId, began, System.nanoTime()));
        return new ReportOutcome(period, files, rows);
    }

    private static List<Path> expand(List<Path> files) {
        List<Path> expanded = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> inside = Files.list(file)) {
                    inside.filter(Files::isRegularFile).sorted().forEach(expanded::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                expanded.add(file);
            }
        }
        return expanded;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
