package dev.docent.architecture.cycle.b;

import dev.docent.architecture.cycle.a.Ping;

/** The other half of the deliberate cycle (see Ping). */
public final class Pong {
    public Ping next() {
        return new Ping();
    }
}
