package org.cdoutcomes.app.jobs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The executions this process runs, and the ones asked to stop: such a job finishes its running step and stops before
 * the next one, which a restart then runs. (Spring Batch's own stop would mark a one-chunk step STOPPED after it did
 * its work, so that a restart does the work again.) Every job of cdo lists it as job and step listener.
 */
public final class RunningJobs implements JobExecutionListener, StepExecutionListener {
    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    private final Set<Long> stopRequested = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution);
        stopRequested.remove(execution.getId());
    }

    @Override
    public void beforeStep(StepExecution step) {
        if (stopRequested.contains(step.getJobExecutionId())) {
            step.setTerminateOnly();
        }
    }

    /** Asks every running execution to stop before its next step; the ids of those asked. */
    public List<Long> stopAll() {
        List<Long> ids = running.stream().map(JobExecution::getId).toList();
        stopRequested.addAll(ids);
        return ids;
    }

    public boolean any() {
        return !running.isEmpty();
    }
}
