package org.optsearch.train.task.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** An object of a task document: checks its keys and hands out its members as {@link SpecNode}s. */
final class SpecObject {

    private final SpecDocument doc;
    private final JsonNode node;
    private final String path;

    SpecObject(SpecDocument doc, JsonNode node, String path) {
        this.doc = doc;
        this.node = node;
        this.path = path;
    }

    /**
     * Rejects the first key (in file order) not in {@code allowed}, suggesting the nearest allowed one.
     *
     * @param owner who takes these keys, for the message when there is no near match, e.g.
     *              {@code "a vit model"}; null for "this object"
     */
    void allowOnly(List<String> allowed, String owner) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (allowed.contains(key)) {
                continue;
            }
            String near = suggestion(key, allowed);
            String problem = "unknown key " + SpecNode.quote(key)
                    + (near != null ? "; did you mean '" + near + "'?"
                            : "; " + (owner == null ? "allowed keys" : owner + " takes") + ": "
                                    + String.join(", ", allowed));
            throw doc.error(path, doc.keyLocation(SpecDocument.child(path, key)), problem);
        }
    }

    /** The keys, in file order. */
    List<String> keys() {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** An error about the key {@code key} itself (not its value), at the key's location. */
    TaskSpecException keyError(String key, String problem) {
        String at = SpecDocument.child(path, key);
        return doc.error(at, doc.keyLocation(at), problem);
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** The member {@code key}: {@code $.train.steps: required} if absent. */
    SpecNode required(String key) {
        return required(key, "");
    }

    /** As {@link #required(String)}, with {@code hint} added to the message, e.g. {@code "; one of mlp, vit"}. */
    SpecNode required(String key, String hint) {
        if (!node.has(key)) {
            throw doc.error(SpecDocument.child(path, key), doc.valueLocation(path), "required" + hint);
        }
        return member(key);
    }

    /** The member {@code key}, or null if absent. */
    SpecNode optional(String key) {
        return node.has(key) ? member(key) : null;
    }

    private SpecNode member(String key) {
        return new SpecNode(doc, node.get(key), SpecDocument.child(path, key));
    }

    /**
     * The allowed key nearest to {@code key}, or null if none is near: same letters ignoring case,
     * {@code _} and {@code -} ({@code batch_size} for {@code batchSize}), or at most two edits away
     * and fewer edits than half the key's length.
     */
    static String suggestion(String key, List<String> allowed) {
        String k = fold(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            String c = fold(candidate);
            int d = k.equals(c) ? 0 : editDistance(k, c);
            if (d < bestDistance && d <= 2 && 2 * d < Math.max(k.length(), c.length())) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String fold(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
