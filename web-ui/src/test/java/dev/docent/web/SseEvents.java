package dev.docent.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The events of a Server-Sent Events body, in order: name and JSON data. */
record SseEvents(List<Event> events) {

    record Event(String name, JsonNode data) {}

    static SseEvents parse(String body) throws Exception {
        List<Event> out = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = null, data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) name = line.substring(7);
                if (line.startsWith("data: ")) data = line.substring(6);
            }
            if (name != null) out.add(new Event(name, RunningDocent.JSON.readTree(data)));
        }
        return new SseEvents(out);
    }

    List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
    }

    JsonNode first(String name) {
        return named(name).stream().findFirst().orElseThrow(() -> new AssertionError("no " + name + " event in " + events));
    }

    /** Position of the first event called {@code name}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < events.size(); i++) if (events.get(i).name().equals(name)) return i;
        return -1;
    }

    /** Position of the last event called {@code name}, or -1. */
    int lastIndexOf(String name) {
        for (int i = events.size() - 1; i >= 0; i--) if (events.get(i).name().equals(name)) return i;
        return -1;
    }
}
