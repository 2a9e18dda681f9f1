package org.optsearch.optim.export;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * What the PyTorch and the optax export ({@link TorchExporter}, {@link OptaxExporter}) do alike: name the
 * program's variables in Python, choose the per-parameter or the list form, write the program's statements
 * and the helper functions they call, and turn the hyperparameters into keyword arguments, the learning
 * rate first under the framework's own name for it ({@code lr}, {@code learning_rate}).
 */
abstract class PyExporter {
    final ExportSource source;
    final Program program;
    final Kinds kinds;
    final PyNames names;
    final PyExpressions expressions;
    /** Whether every array is a list with one tensor per parameter ({@link PyBody}). */
    final boolean listForm;
    private final PyDialect dialect;
    private final String rateKeyword;

    /**
     * @param rateKeyword         the keyword argument that takes the learning rate
     * @param reserved            names the generated module uses, besides the dialect's helpers
     * @param reservedForKeywords names a hyperparameter may not have as a keyword argument
     * @param listForm            whether to use the list form even without reductions over all parameters (tests)
     */
    PyExporter(ExportSource source, PyDialect dialect, String rateKeyword, Set<String> reserved,
            Set<String> reservedForKeywords, boolean listForm) {
        this.source = source;
        this.program = source.program();
        this.kinds = Kinds.of(program);
        Set<String> taken = new HashSet<>(reserved);
        taken.addAll(dialect.helperNames());
        this.names = new PyNames(program, taken, reservedForKeywords);
        this.expressions = new PyExpressions(dialect);
        this.listForm = listForm || kinds.needsAllParameters();
        this.dialect = dialect;
        this.rateKeyword = rateKeyword;
    }

    /** The Python module. */
    abstract String export();

    /** The keyword argument that sets hyperparameter {@code name} of the program (renamed if Python needs it). */
    final String keyword(String name) {
        if (!program.hyperparameters().containsKey(name)) {
            throw new IllegalArgumentException("no hyperparameter " + name);
        }
        return name.equals(Exporter.LEARNING_RATE_SCALE) ? rateKeyword : names.of(name);
    }

    /** The hyperparameters other than lr_scale, by their Python names, with their defaults. */
    final Map<String, Double> keywordHyperparameters() {
        Map<String, Double> map = new LinkedHashMap<>();
        program.hyperparameters().forEach((name, value) -> {
            if (!name.equals(Exporter.LEARNING_RATE_SCALE)) {
                map.put(names.of(name), value);
            }
        });
        return map;
    }

    /**
     * The keyword parameters of the generated constructor or function, with their defaults: the learning
     * rate (lr_scale's value, else 1.0 for the lr input), then the other hyperparameters.
     */
    final String keywordParameters() {
        double rate = source.hasLearningRateScale()
                ? program.hyperparameters().get(Exporter.LEARNING_RATE_SCALE) : 1.0;
        String keywords = PyDocs.keywordParameters(rateKeyword, rate, keywordHyperparameters());
        return readsTotalSteps() ? keywords + ", total_steps=None" : keywords;
    }

    /** Whether the program declares the step input {@code total_steps}: then a keyword argument sets it. */
    final boolean readsTotalSteps() {
        return program.signature().declares(StepInput.TOTAL_STEPS);
    }

    /** Whether the program declares the step input {@code step}. */
    final boolean readsStep() {
        return program.signature().declares(StepInput.STEP);
    }

    /** The lines that refuse to go on without total_steps, for the constructor or factory. */
    final void requireTotalSteps(CodeWriter out) {
        if (readsTotalSteps()) {
            out.line("if total_steps is None or not total_steps > 0:").indent();
            out.line("raise ValueError('this optimizer reads total_steps: pass total_steps=N, the number of steps "
                    + "of the training (> 0)')").dedent();
        }
    }

    /** A docstring line for each hyperparameter other than lr_scale, and for total_steps. */
    final void hyperparameterDocs(CodeWriter out) {
        for (String h : keywordHyperparameters().keySet()) {
            out.line(h + ": the program's hyperparameter of that name.");
        }
        if (readsTotalSteps()) {
            out.line("total_steps: the training's number of steps, what the program's total_steps reads; required.");
        }
    }

    /**
     * The module docstring ({@link PyDocs#moduleDocstring}), saying that {@code scheduler} scales the
     * learning rate.
     */
    final void moduleDocstring(CodeWriter out, String name, ExportTarget target, String scheduler) {
        PyDocs.moduleDocstring(out, source, name, target, PyDocs.learningRate(source, rateKeyword, scheduler));
    }

    /** The program's statements in this export's form. */
    final PyBody body() {
        return new PyBody(program, kinds, names, expressions, listForm ? "params" : null);
    }

    /**
     * The helper functions that the code written so far calls, each after two blank lines; so the code
     * that calls them is written first.
     */
    final void helpers(CodeWriter out) {
        for (String helper : dialect.helperSources(expressions.helpers())) {
            out.blank().blank().lines(helper);
        }
    }
}
