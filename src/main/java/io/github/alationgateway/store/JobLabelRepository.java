package io.github.alationgateway.store;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface JobLabelRepository extends JpaRepository<JobLabelEntity, JobLabelEntity.Key> {

    /** The labels of a whole page of jobs in one statement. */
    List<JobLabelEntity> findByJobIdIn(Collection<String> jobIds);

    /** Deletes the rows of these jobs in one statement (retention and "forget a job"). */
    @Modifying
    @Query("delete from JobLabelEntity l where l.jobId in :jobIds")
    int deleteByJobIds(@Param("jobIds") Collection<String> jobIds);
}
