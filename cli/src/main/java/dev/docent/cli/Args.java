package dev.docent.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal flag parsing: {@code --name value}, {@code --name=value}, boolean {@code --flag}, and
 * positional arguments. Unknown flags are errors, not silently ignored.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    public static Args parse(String[] argv, Set<String> valueFlags, Set<String> booleanFlags) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--")) {
                for (i++; i < argv.length; i++) a.positional.add(argv[i]);
                break;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                a.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleanFlags.contains(name)) {
                if (value != null) throw new UsageException("--" + name + " takes no value");
                a.values.put(name, "true");
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) throw new UsageException("--" + name + " needs a value");
                    value = argv[++i];
                }
                a.values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String get(String flag) {
        return values.get(flag);
    }

    public int intValue(String flag, int fallback, int min, int max) {
        String v = values.get(flag);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new UsageException("--" + flag + " must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " must be a whole number, got '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
