package org.cdoutcomes.app.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.cdoutcomes.app.cli.Failures;

/** Reads job executions from the Spring Batch tables. */
public final class JobExecutions {
    static final int MESSAGE_LENGTH = 100;

    private static final String RECENT = """
            select e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_message,
                   coalesce(sum(s.read_count), 0) as read_count,
                   coalesce(sum(s.write_count), 0) as write_count,
                   coalesce(sum(s.filter_count + s.read_skip_count + s.process_skip_count + s.write_skip_count), 0) as skip_count,
                   (select max(p.job_execution_id) from batch_job_execution p
                    where p.job_instance_id = e.job_instance_id and p.job_execution_id < e.job_execution_id) as restart_of,
                   (select min(n.job_execution_id) from batch_job_execution n
                    where n.job_instance_id = e.job_instance_id and n.job_execution_id > e.job_execution_id) as restarted_as
            from batch_job_execution e
            join batch_job_instance i on i.job_instance_id = e.job_instance_id
            left join batch_step_execution s on s.job_execution_id = e.job_execution_id
            group by e.job_execution_id, i.job_name
            order by e.job_execution_id desc
            limit ?
            """;

    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    private final DataSource dataSource;

    public JobExecutions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The most recent executions, newest first (execution ids grow with time). */
    public List<JobExecutionSummary> recent(int limit) throws SQLException {
        List<JobExecutionSummary> executions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECENT)) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                JobLock locks = new JobLock(dataSource);
                while (rs.next()) {
                    long id = rs.getLong("job_execution_id");
                    String job = rs.getString("job_name");
                    String status = rs.getString("status");
                    // Batch records a run as running until it ends; a killed process never ends it
                    String message = RUNNING.contains(status) && !locks.held(job)
                            ? "not running: the process that ran it ended; cdo restart " + id + " resumes it"
                            : withRestarts(rs.getObject("restart_of", Long.class), rs.getObject("restarted_as", Long.class),
                                    shortMessage(rs.getString("exit_message")));
                    executions.add(new JobExecutionSummary(id, job, status, time(rs.getTimestamp("start_time")),
                            time(rs.getTimestamp("end_time")), rs.getLong("read_count"), rs.getLong("write_count"),
                            rs.getLong("skip_count"), message));
                }
            }
        }
        return executions;
    }

    /**
     * A restart is a new execution of the same job instance: each execution names the one it resumed and the one that
     * resumed it, so that a failure followed by its completion reads as one story.
     */
    private static String withRestarts(Long restartOf, Long restartedAs, String message) {
        List<String> parts = new ArrayList<>();
        if (restartOf != null) {
            parts.add("restart of " + restartOf);
        }
        if (restartedAs != null) {
            parts.add("restarted as " + restartedAs);
        }
        if (!message.isEmpty()) {
            parts.add(message);
        }
        return String.join("; ", parts);
    }

    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    /**
     * One sentence of the exit message, cut to {@value #MESSAGE_LENGTH} characters: Batch records the whole stack
     * trace of a failure, whose later lines (SQL DETAIL lines among them) may quote row values.
     */
    static String shortMessage(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return "";
        }
        String sentence = Failures.sentenceOfTrace(exitMessage);
        return sentence.length() <= MESSAGE_LENGTH ? sentence : sentence.substring(0, MESSAGE_LENGTH - 3) + "...";
    }
}
