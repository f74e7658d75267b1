package org.cdoutcomes.app.jobs;

import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What starting, restarting and stopping cdo's jobs needs, whichever jobs the context holds. */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {
    @Bean
    JobLock jobLock(DataSource dataSource) {
        return new JobLock(dataSource);
    }

    @Bean
    RunningJobs runningJobs() {
        return new RunningJobs();
    }

    @Bean
    JobRuns jobRuns(JobOperator operator, JobRepository repository, JobLock lock, RunningJobs running, ObjectProvider<Job> jobs) {
        // the jobs of this context, which the operator can restart (JobOperator.getJobNames is to be removed)
        return new JobRuns(operator, repository, lock, running, jobs.stream().map(Job::getName).collect(Collectors.toSet()));
    }
}
