package io.github.alationgateway.bench.clients;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/** Jetty 12's client with its blocking {@code send}. */
final class JettyWire implements Wire {

    private final HttpClient client = new HttpClient();

    JettyWire(int connections) throws Exception {
        client.setMaxConnectionsPerDestination(connections);
        client.setConnectTimeout(5_000);
        client.setFollowRedirects(false);
        client.start();
    }

    @Override
    public byte[] get(String uri) throws Exception {
        ContentResponse response = client.newRequest(uri)
                .headers(h -> h.put("Accept", "application/json").put("TOKEN", "bench"))
                .timeout(5, TimeUnit.SECONDS)
                .send();
        if (response.getStatus() != 200) throw new IllegalStateException("HTTP " + response.getStatus());
        return response.getContent();
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
