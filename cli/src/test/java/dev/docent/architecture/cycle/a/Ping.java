package dev.docent.architecture.cycle.a;

import dev.docent.architecture.cycle.b.Pong;

/** Half of a deliberate package cycle: ArchitectureTest shows its cycle rule reports one. */
public final class Ping {
    public Pong next() {
        return new Pong();
    }
}
