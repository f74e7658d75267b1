package org.cdoutcomes.app.jobs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The executions this process is running, as the running threads see them, so that a shutdown can ask them to stop.
 * Every job of cdo lists it as a listener.
 */
public final class RunningJobs implements JobExecutionListener {
    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution);
    }

    public List<JobExecution> executions() {
        return List.copyOf(running);
    }
}
