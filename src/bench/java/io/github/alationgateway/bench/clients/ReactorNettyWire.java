package io.github.alationgateway.bench.clients;

import java.time.Duration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Reactor Netty's client, each call blocked on from the calling thread as the poller would. */
final class ReactorNettyWire implements Wire {

    private final ConnectionProvider pool;
    private final HttpClient client;

    ReactorNettyWire(int connections) {
        this.pool = ConnectionProvider.builder("bench").maxConnections(connections).build();
        this.client = HttpClient.create(pool)
                .responseTimeout(Duration.ofSeconds(5))
                .headers(h -> h.set("Accept", "application/json").set("TOKEN", "bench"));
    }

    @Override
    public byte[] get(String uri) {
        return client.get()
                .uri(uri)
                .responseSingle((response, body) -> {
                    if (response.status().code() != 200) {
                        return reactor.core.publisher.Mono.error(
                                new IllegalStateException("HTTP " + response.status().code()));
                    }
                    return body.asByteArray();
                })
                .block(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }
}
