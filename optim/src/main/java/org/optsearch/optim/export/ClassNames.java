package org.optsearch.optim.export;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The name of the generated class: the default from the program's file name, and the checks on it. */
public final class ClassNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Java's keywords and literals, and the restricted identifiers that cannot name a type (release 17). */
    private static final Set<String> JAVA_RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");

    /** Simple names the generated Java file uses; a class of that name would hide them. */
    private static final Set<String> JAVA_USED = Set.of("Optimizer", "Optimizers", "ProgramOptimizerBuilder",
            "String");

    /** Module-level names of the Python exports, and the built-ins they call. */
    private static final Set<String> PYTHON_USED = pythonUsed();

    private ClassNames() {
    }

    /**
     * CamelCase from a file name: the letters and digits of each part between other characters, each part
     * capitalized ({@code lion.opt} makes {@code Lion}, {@code sgd_momentum.opt} makes {@code SgdMomentum}).
     * A name that would start with a digit gets {@code Opt} before it; one without letters or digits is
     * {@code Exported}.
     */
    public static String fromFileName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.endsWith(".opt") ? base.substring(0, base.length() - 4) : base;
        StringBuilder sb = new StringBuilder();
        for (String part : base.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        if (sb.isEmpty()) {
            return "Exported";
        }
        return Character.isDigit(sb.charAt(0)) ? "Opt" + sb : sb.toString();
    }

    /**
     * Checks that {@code name} can name the generated class (and, for optax, the function and state class
     * made from it).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void check(String name, ExportTarget target) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid class name '" + name + "': use ASCII letters, digits and '_', "
                    + "not starting with a digit");
        }
        if (target == ExportTarget.JAVA) {
            if (JAVA_RESERVED.contains(name)) {
                throw new IllegalArgumentException("invalid class name '" + name + "': it is reserved in Java");
            }
            if (JAVA_USED.contains(name)) {
                throw new IllegalArgumentException("invalid class name '" + name + "': the generated class uses "
                        + "the type " + name + " of the same name");
            }
            return;
        }
        Set<String> pythonNames = new HashSet<>(Set.of(name));
        if (target == ExportTarget.OPTAX) {
            pythonNames.add(snakeCase(name));
            pythonNames.add(name + "State");
        }
        for (String n : pythonNames) {
            if (PyNames.KEYWORDS.contains(n)) {
                throw new IllegalArgumentException("invalid class name '" + name + "': "
                        + (n.equals(name) ? "it is" : "'" + n + "', made from it, is") + " a Python keyword");
            }
            if (PYTHON_USED.contains(n)) {
                throw new IllegalArgumentException("invalid class name '" + name + "': "
                        + (n.equals(name) ? "it" : "'" + n + "', made from it,")
                        + " would hide a name the generated module uses");
            }
        }
    }

    /** {@code SgdMomentum} makes {@code sgd_momentum}, {@code LionV2} {@code lion_v2}: optax's style of name. */
    static String snakeCase(String camel) {
        String s = camel.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }

    private static Set<String> pythonUsed() {
        Set<String> used = new HashSet<>(PyNames.BUILTINS);
        used.addAll(Set.of("torch", "math", "jax", "jnp", "optax", "NamedTuple", "Any", "_train"));
        for (PyDialect d : PyDialect.values()) {
            used.addAll(d.helperNames());
        }
        return Set.copyOf(used);
    }
}
