package io.github.alationgateway.store;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface JobLogRepository extends JpaRepository<JobLogEntity, Long> {

    /** Oldest first: ids grow with time, and (job_id, id) is indexed. */
    List<JobLogEntity> findByJobIdOrderByIdAsc(String jobId);
}
