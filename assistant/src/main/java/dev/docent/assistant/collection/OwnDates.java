package dev.docent.assistant.collection;

import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.indexer.extract.TextDates;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates a document carries as its own, in its title ("Minutes of the operations meeting, 12
 * March 2025") or its file name ({@code minutes-2025-03-operations.md}, {@code 20250312-report.pdf}),
 * as opposed to the dates its text mentions: the minutes of March mention April's next meeting.
 * A file name's month without a day counts as the month's first day.
 */
final class OwnDates {

    private static final Pattern IN_NAME = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d\\d)[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\\d|3[01]))?(?!\\d)");

    private OwnDates() {}

    static List<LocalDate> of(DocumentRecord r) {
        List<LocalDate> dates = new ArrayList<>();
        if (r.title() != null) dates.addAll(TextDates.in(r.title()));
        Matcher m = IN_NAME.matcher(Path.of(r.path()).getFileName().toString());
        while (m.find()) {
            try {
                int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                dates.add(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), day));
            } catch (DateTimeException e) {
                // 2025-02-30: not a date
            }
        }
        return dates;
    }
}
