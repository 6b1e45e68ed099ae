package faceattr.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Dockerfile as a list of instructions (continuation lines joined, comments dropped), for the deploy checks. */
record Dockerfile(List<Instruction> instructions) {
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(Path file) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = pending.toString().strip();
                pending.setLength(0);
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(out);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** Instructions of the last stage (after the last FROM). */
    Dockerfile runtimeStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return new Dockerfile(instructions.subList(last, instructions.size()));
    }

    /** Variables set by {@code ENV k=v k2="v 2"} instructions. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String args : all("ENV")) {
            int i = 0;
            while (i < args.length()) {
                while (i < args.length() && args.charAt(i) == ' ') {
                    i++;
                }
                int eq = args.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("ENV without '=' (use key=value): " + args);
                }
                String key = args.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 1;
                boolean quoted = j < args.length() && args.charAt(j) == '"';
                if (quoted) {
                    j++;
                    while (args.charAt(j) != '"') {
                        value.append(args.charAt(j++));
                    }
                    j++;
                } else {
                    while (j < args.length() && args.charAt(j) != ' ') {
                        value.append(args.charAt(j++));
                    }
                }
                env.put(key, value.toString());
                i = j;
            }
        }
        return env;
    }
}
