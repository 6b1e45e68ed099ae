package faceattr.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code /search} query string into a {@link SearchQuery}, or refuses it with a {@link BadQueryException}
 * naming the parameter: unknown parameters, parameters given twice, unknown attribute names (the known ones come from
 * the running model and the indexed records), an attribute both present and absent, probabilities outside 0–1,
 * malformed face ranges, times and cursors, and limits outside 1–{@value SearchQuery#MAX_LIMIT}.
 */
public final class QueryParser {
    /** The public parameters, plus {@code scope} (local: this instance's partitions only; used by the fan-out). */
    static final Set<String> PARAMETERS = Set.of("present", "absent", "minProbability", "faces", "source", "since",
            "until", "modelVersion", "limit", "cursor", "scope");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern FACES = Pattern.compile("(\\d{1,4})(?:-(\\d{1,4}))?");
    private static final int MAX_TEXT = 256;

    private QueryParser() {
    }

    /** Splits a raw (still percent-encoded) query string into parameters; a parameter given twice is refused. */
    public static Map<String, String> parameters(String rawQuery) throws BadQueryException {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMETERS.contains(name)) {
                throw new BadQueryException("UNKNOWN_PARAMETER", printable(name), "unknown parameter '"
                        + printable(name) + "'; known: " + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (params.put(name, value) != null) {
                throw new BadQueryException("REPEATED_PARAMETER", name, "parameter '" + name
                        + "' is given more than once; list attributes comma-separated instead");
            }
        }
        return params;
    }

    private static String decode(String s) throws BadQueryException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("BAD_QUERY_STRING", null, "the query string is not valid percent-encoding");
        }
    }

    /** Checks every parameter; {@code known} answers whether an attribute name is known. */
    public static SearchQuery parse(Map<String, String> p, java.util.function.Predicate<String> known)
            throws BadQueryException {
        List<String> present = attributes(p, "present", known);
        List<String> absent = attributes(p, "absent", known);
        for (String a : present) {
            if (absent.contains(a)) {
                throw new BadQueryException("CONFLICTING_ATTRIBUTE", "absent", "attribute " + a
                        + " is asked both present and absent");
            }
        }
        Double minProbability = null;
        if (p.containsKey("minProbability")) {
            minProbability = number(p.get("minProbability"), "minProbability", "BAD_PROBABILITY");
            if (minProbability < 0 || minProbability > 1) {
                throw new BadQueryException("BAD_PROBABILITY", "minProbability",
                        "minProbability must be between 0 and 1, got " + printable(p.get("minProbability")));
            }
        }
        int facesMin = -1;
        int facesMax = -1;
        if (p.containsKey("faces")) {
            var m = FACES.matcher(p.get("faces"));
            if (!m.matches()) {
                throw new BadQueryException("BAD_FACES", "faces", "faces must be N or N-M (e.g. 1-3), got '"
                        + printable(p.get("faces")) + "'");
            }
            facesMin = Integer.parseInt(m.group(1));
            facesMax = m.group(2) == null ? facesMin : Integer.parseInt(m.group(2));
            if (facesMax < facesMin) {
                throw new BadQueryException("BAD_FACES", "faces", "faces range " + facesMin + "-" + facesMax
                        + " is empty");
            }
        }
        Instant since = time(p, "since");
        Instant until = time(p, "until");
        if (since != null && until != null && since.isAfter(until)) {
            throw new BadQueryException("BAD_TIME", "since", "since is after until");
        }
        int limit = SearchQuery.DEFAULT_LIMIT;
        if (p.containsKey("limit")) {
            double l = number(p.get("limit"), "limit", "BAD_LIMIT");
            if (l != Math.rint(l) || l < 1 || l > SearchQuery.MAX_LIMIT) {
                throw new BadQueryException("BAD_LIMIT", "limit", "limit must be a whole number from 1 to "
                        + SearchQuery.MAX_LIMIT + ", got " + printable(p.get("limit")));
            }
            limit = (int) l;
        }
        Cursor cursor = p.containsKey("cursor") ? Cursor.decode(p.get("cursor")) : null;
        String scope = p.getOrDefault("scope", "cluster");
        if (!scope.equals("cluster") && !scope.equals("local")) {
            throw new BadQueryException("BAD_SCOPE", "scope", "scope must be cluster or local");
        }
        return new SearchQuery(present, absent, minProbability, facesMin, facesMax, text(p, "source"),
                text(p, "modelVersion"), since, until, limit, cursor);
    }

    private static List<String> attributes(Map<String, String> p, String name,
                                           java.util.function.Predicate<String> known) throws BadQueryException {
        List<String> out = new ArrayList<>();
        if (!p.containsKey(name)) {
            return out;
        }
        for (String a : p.get(name).split(",", -1)) {
            String t = a.trim();
            if (!ATTRIBUTE.matcher(t).matches() || !known.test(t)) {
                throw new BadQueryException("UNKNOWN_ATTRIBUTE", name, "unknown attribute '" + printable(t)
                        + "' in " + name + "; GET /search without conditions lists the known ones under facets");
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static double number(String s, String name, String code) throws BadQueryException {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadQueryException(code, name, name + " must be a number, got '" + printable(s) + "'");
    }

    private static Instant time(Map<String, String> p, String name) throws BadQueryException {
        String s = p.get(name);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadQueryException("BAD_TIME", name, name + " must be an ISO-8601 time such as"
                    + " 2026-12-04T10:00:00Z, got '" + printable(s) + "'");
        }
    }

    private static String text(Map<String, String> p, String name) throws BadQueryException {
        String s = p.get(name);
        if (s == null) {
            return null;
        }
        if (s.length() > MAX_TEXT || s.chars().anyMatch(Character::isISOControl)) {
            throw new BadQueryException("BAD_VALUE", name, name + " must be at most " + MAX_TEXT
                    + " characters without control characters");
        }
        return s;
    }

    /** An echo of client input safe for a message: at most 64 characters, control characters replaced. */
    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Whether a parsed query asked for this instance's partitions only. */
    public static boolean isLocal(Map<String, String> p) {
        return "local".equals(p.get("scope"));
    }
}
