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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface JobRepository extends JpaRepository<JobEntity, String>, JpaSpecificationExecutor<JobEntity> {

    /**
     * One row by its primary key, the read behind every {@code GET /api/v1/jobs/{id}}: it needs no transaction of
     * its own, so it takes none (it joins the caller's, if there is one). Spring Data's default, a read-only
     * transaction, costs more than the read: Hibernate's session and transaction set-up, and on PostgreSQL a
     * {@code BEGIN READ ONLY} before the select and a {@code COMMIT} after it, a round trip of its own.
     */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<JobEntity> findById(String id);

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
