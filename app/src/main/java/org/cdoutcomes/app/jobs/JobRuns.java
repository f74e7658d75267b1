package org.cdoutcomes.app.jobs;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cdoutcomes.app.cli.Failures;
import org.cdoutcomes.ingest.EndedExecutions;
import org.cdoutcomes.ingest.JobLaunches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * Starts, restarts and stops cdo's jobs, each under its {@link JobLock}: a manual start waits for a run of the same
 * job elsewhere to end, a scheduled start skips, and each says so in one log line.
 */
public class JobRuns {
    private static final Logger LOG = LoggerFactory.getLogger(JobRuns.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final JobLock lock;
    private final RunningJobs running;
    private final Set<String> jobNames;
    private final Set<Long> stopsLogged = ConcurrentHashMap.newKeySet();

    /** @param jobNames the jobs this context holds: those the operator can start and restart */
    public JobRuns(JobOperator operator, JobRepository repository, JobLock lock, RunningJobs running, Set<String> jobNames) {
        this.operator = operator;
        this.repository = repository;
        this.lock = lock;
        this.running = running;
        this.jobNames = Set.copyOf(jobNames);
    }

    /**
     * Does {@code work} holding the lock of the job, first waiting while the job runs elsewhere: for a job that
     * starts itself, such as an ingest run.
     */
    public <T, E extends Exception> T exclusively(String jobName, Work<T, E> work) throws E {
        try (JobLock.Held held = lock.acquire(jobName, () -> LOG.info(
                "Job {} is running elsewhere on this database; waiting for it to end before starting", jobName))) {
            return work.call();
        }
    }

    /**
     * Does {@code work} holding the lock of the job, or nothing when the job is running elsewhere (a scheduled start
     * that finds it busy, said in one log line).
     */
    public <T, E extends Exception> Optional<T> unlessRunning(String jobName, Work<T, E> work) throws E {
        Optional<JobLock.Held> free = lock.tryAcquire(jobName);
        if (free.isEmpty()) {
            LOG.info("Scheduled start of job {} skipped: it is still running", jobName);
            return Optional.empty();
        }
        try (JobLock.Held held = free.get()) {
            return Optional.of(work.call());
        }
    }

    /** Work done under a job's lock. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /** Runs the job to its end; only for {@link Work} done holding the job's lock. */
    public JobExecution start(Job job, JobParameters parameters) {
        try {
            discardInstanceWithoutExecution(job.getName(), parameters);
            return JobLaunches.retryingCollisions(() -> operator.start(job, parameters));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start job " + job.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Spring Batch stores a job instance and its first execution in two transactions: a process killed between them
     * leaves an instance that the launcher then refuses to start ("Cannot find any job execution"), for good. Under the
     * job's lock nobody is between those two steps, so such an instance is a leftover, and it recorded no work.
     */
    private void discardInstanceWithoutExecution(String jobName, JobParameters parameters) {
        JobInstance instance = repository.getJobInstance(jobName, parameters);
        if (instance != null && repository.getJobExecutions(instance).isEmpty()) {
            LOG.info("Job {} instance {} was left without an execution by a process that ended; discarding it before starting",
                    jobName, instance.getInstanceId());
            repository.deleteJobInstance(instance);
        }
    }

    /**
     * Resumes a job instance where it stopped: a failed or stopped execution, or one a killed process left STARTED
     * (recovered first; holding the job's lock proves nobody runs it). Waits while the job runs elsewhere.
     *
     * @throws RestartRefusedException when the execution does not exist or cannot be restarted, with the reason
     */
    public JobExecution restart(long executionId) {
        JobExecution given = find(executionId);
        if (given == null) {
            throw new RestartRefusedException("There is no job execution " + executionId + " (cdo jobs lists them).");
        }
        String jobName = given.getJobInstance().getJobName();
        if (!jobNames.contains(jobName)) {
            throw new RestartRefusedException("Job execution " + executionId + " is of job " + jobName + ", which this command cannot run.");
        }
        try (JobLock.Held held = lock.acquire(jobName, () -> LOG.info(
                "Job {} is running elsewhere on this database; waiting for it to end before restarting", jobName))) {
            return restartHeld(given);
        }
    }

    /**
     * {@link #restart} for {@link Work} done holding the job's lock: an execution recorded as running is then one whose
     * process ended.
     */
    public JobExecution restartHeld(JobExecution given) {
        long executionId = given.getId();
        JobExecution last = repository.getLastJobExecution(given.getJobInstance());
        String which = last.getId() == executionId ? "Job execution " + executionId
                : "Job execution " + executionId + " was restarted as execution " + last.getId() + ", which";
        BatchStatus status = last.getStatus();
        switch (status) {
            case COMPLETED -> throw new RestartRefusedException(which + " has already completed; there is nothing to restart.");
            case ABANDONED -> {
                String why = last.getExitStatus().getExitDescription();
                throw new RestartRefusedException(which + " is " + status + (why == null || why.isBlank() ? "" : " (" + Failures.sentenceOfTrace(why) + ")")
                        + " and cannot be restarted.");
            }
            case STARTING, STARTED, STOPPING -> {
                LOG.info("Job execution {} was left {} by a process that ended; marking it failed before restarting", last.getId(), status);
                last = EndedExecutions.failed(last, operator, repository);
            }
            case UNKNOWN -> {
                LOG.info("Job execution {} ended UNKNOWN (the database went away during a step, which committed nothing); marking it "
                        + "failed before restarting", last.getId());
                last = EndedExecutions.failed(last, operator, repository);
            }
            case FAILED, STOPPED -> {
                // restartable as it is
            }
        }
        try {
            JobExecution failed = last;
            return JobLaunches.retryingCollisions(() -> operator.restart(failed));
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart job execution " + last.getId() + ": " + e.getMessage(), e);
        }
    }

    /** The execution a restart resumed: the one before it of its job instance (a restart resumes the last one). */
    public long resumedBy(JobExecution restart) {
        return repository.getJobExecutions(restart.getJobInstance()).stream().mapToLong(JobExecution::getId)
                .filter(id -> id < restart.getId()).max().orElseThrow();
    }

    private JobExecution find(long executionId) {
        try {
            return repository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            // the JDBC repository of Batch 6 says "none" this way
            return null;
        }
    }

    /** Asks every execution this process runs to stop once its running step has finished; returns at once. */
    public void stopRunning() {
        for (Long id : running.stopAll()) {
            if (stopsLogged.add(id)) {
                LOG.info("Job execution {} will stop when its running step has finished", id);
            }
        }
    }

    public boolean anyRunning() {
        return running.any();
    }
}
