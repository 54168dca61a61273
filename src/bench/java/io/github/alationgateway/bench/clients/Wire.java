package io.github.alationgateway.bench.clients;

/** One HTTP client as the poller would use it: a blocking GET that returns the answer's bytes. */
interface Wire extends AutoCloseable {

    /** The body of a 200 answer; anything else throws. */
    byte[] get(String uri) throws Exception;

    @Override
    void close() throws Exception;

    static Wire named(String name, int connections) throws Exception {
        return switch (name) {
            case "jdk" -> new JdkWire();
            case "apache5" -> new ApacheWire(connections);
            case "jetty" -> new JettyWire(connections);
            case "reactor-netty" -> new ReactorNettyWire(connections);
            default -> throw new IllegalArgumentException("unknown client " + name);
        };
    }
}
