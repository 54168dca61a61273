package io.github.alationgateway.store;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface JobLabelRepository extends JpaRepository<JobLabelEntity, JobLabelEntity.Key> {

    /** The labels of a whole page of jobs in one statement. */
    List<JobLabelEntity> findByJobIdIn(Collection<String> jobIds);
}
