package io.github.alationgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiverLaneTest {

    private static ReceiverLane.Claimed claimed(long id) {
        Delivery d = new Delivery(
                id,
                "ops",
                null,
                "e" + id,
                "job.ended",
                "j" + id,
                Instant.EPOCH,
                Delivery.PENDING,
                0,
                Instant.EPOCH,
                "me",
                null,
                null,
                null,
                null,
                1);
        return new ReceiverLane.Claimed(d, null);
    }

    @Test
    void sendsAtMostMaxConcurrentAtOnceInClaimOrder() {
        var lane = new ReceiverLane(2, 8);
        for (long i = 1; i <= 5; i++) lane.add(claimed(i));

        assertThat(lane.next().delivery().id()).isEqualTo(1);
        assertThat(lane.next().delivery().id()).isEqualTo(2);
        assertThat(lane.next()).as("two in flight already").isNull();

        lane.sent();
        assertThat(lane.next().delivery().id()).isEqualTo(3);
        assertThat(lane.sending()).isEqualTo(2);
    }

    @Test
    void asksForMoreOnlyOnceAQuarterIsFreeSoThatClaimsComeInBatches() {
        var lane = new ReceiverLane(2, 6); // room for 8
        assertThat(lane.room()).isEqualTo(8);
        for (long i = 1; i <= 7; i++) lane.add(claimed(i));
        assertThat(lane.room()).isEqualTo(1);
        assertThat(lane.wantsMore()).isFalse();

        lane.next();
        lane.sent(); // one sent: 6 waiting, room 2 = a quarter of 8
        assertThat(lane.wantsMore()).isTrue();
    }

    @Test
    void dropsWhatWaitsWhenTheReceiverAsksForAPauseButKeepsCountingWhatIsInFlight() {
        var lane = new ReceiverLane(1, 4);
        for (long i = 1; i <= 4; i++) lane.add(claimed(i));
        lane.next();

        lane.dropWaiting();

        assertThat(lane.sending()).isEqualTo(1);
        assertThat(lane.room()).isEqualTo(4);
        lane.sent();
        assertThat(lane.next()).isNull();
    }
}
