package org.optsearch.optim.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * Python identifiers for the names of a program. A program may call a variable {@code lambda},
 * {@code p} or {@code torch}; in Python that would be a syntax error or would hide a name the generated
 * code uses. Such a name gets underscores appended until it is free ({@code lambda_}); every other
 * name is kept, so the generated code reads like the program.
 */
final class PyNames {
    /** Python's keywords (3.11); soft keywords such as {@code match} are ordinary names. */
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    /** Built-in functions the generated code calls; a variable must not hide them. */
    static final Set<String> BUILTINS = Set.of("abs", "callable", "dict", "enumerate", "float", "isinstance",
            "len", "list", "next", "range", "super", "ValueError", "zip");

    private final Map<String, String> names = new HashMap<>();

    /**
     * @param reserved            names the generated code defines or uses (modules, helpers, locals)
     * @param reservedForKeywords names a hyperparameter may not have, because it becomes a keyword
     *                            argument next to others (e.g. torch's {@code lr})
     */
    PyNames(Program program, Set<String> reserved, Set<String> reservedForKeywords) {
        Set<String> programNames = new LinkedHashSet<>(program.signature().inputs());
        program.signature().stepInputs().forEach(in -> programNames.add(in.spelling()));
        Set<String> hyperparameters = program.hyperparameters().keySet();
        programNames.addAll(hyperparameters);
        for (Statement s : program.statements()) {
            programNames.add(s.target());
        }
        Set<String> taken = new HashSet<>();
        for (String name : programNames) {
            String candidate = name;
            while (KEYWORDS.contains(candidate) || BUILTINS.contains(candidate) || reserved.contains(candidate)
                    || hyperparameters.contains(name) && reservedForKeywords.contains(candidate)
                    || taken.contains(candidate) || !candidate.equals(name) && programNames.contains(candidate)) {
                candidate = candidate + "_";
            }
            taken.add(candidate);
            names.put(name, candidate);
        }
    }

    /** The Python identifier for a program name. */
    String of(String programName) {
        String name = names.get(programName);
        if (name == null) {
            throw new IllegalArgumentException("not a name of the program: " + programName);
        }
        return name;
    }

    List<String> of(List<String> programNames) {
        return programNames.stream().map(this::of).toList();
    }
}
