package io.github.alationgateway.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface JobRepository extends JpaRepository<JobEntity, String>, JpaSpecificationExecutor<JobEntity> {

    /** The unique key (instance, alation_key) that makes registration idempotent. */
    Optional<JobEntity> findByInstanceAndAlationKey(String instance, String alationKey);

    /** Follow-ups of a whole page of jobs in one statement, oldest first. */
    List<JobEntity> findByParentIdInOrderByRegisteredAtAscIdAsc(Collection<String> parentIds);

    @Modifying
    @Query("update JobEntity j set j.parentId = :parentId where j.id = :id and j.parentId is null")
    int linkParent(@Param("id") String id, @Param("parentId") String parentId);
}
