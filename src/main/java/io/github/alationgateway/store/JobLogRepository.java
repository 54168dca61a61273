package io.github.alationgateway.store;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface JobLogRepository extends JpaRepository<JobLogEntity, Long> {

    /** Oldest first: ids grow with time, and (job_id, id) is indexed. */
    List<JobLogEntity> findByJobIdOrderByIdAsc(String jobId);

    /** Deletes the rows of these jobs in one statement (retention and "forget a job"). */
    @Modifying
    @Query("delete from JobLogEntity l where l.jobId in :jobIds")
    int deleteByJobIds(@Param("jobIds") Collection<String> jobIds);
}
