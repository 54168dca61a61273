package io.github.alationgateway.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface JobRepository extends JpaRepository<JobEntity, String>, JpaSpecificationExecutor<JobEntity> {

    /** The unique key (instance, alation_key) that makes registration idempotent. */
    Optional<JobEntity> findByInstanceAndAlationKey(String instance, String alationKey);

    /**
     * Jobs without parent that ended before {@code cutoff} and whose follow-ups all did too, oldest first: the
     * chains retention may delete whole.
     */
    @Query("select j.id from JobEntity j where j.parentId is null and j.finishedAt < :cutoff and not exists"
            + " (select 1 from JobEntity c where c.parentId = j.id and (c.finishedAt is null or c.finishedAt >= :cutoff))"
            + " order by j.finishedAt")
    List<String> findChainsEndedBefore(@Param("cutoff") Instant cutoff, Limit limit);

    @Query("select j.id from JobEntity j where j.parentId in :parentIds")
    List<String> findIdsByParentIdIn(@Param("parentIds") Collection<String> parentIds);

    @Modifying
    @Query("delete from JobEntity j where j.id in :ids")
    int deleteByIds(@Param("ids") Collection<String> ids);

    @Modifying
    @Query("update JobEntity j set j.parentId = :parentId where j.id = :id and j.parentId is null")
    int linkParent(@Param("id") String id, @Param("parentId") String parentId);
}
