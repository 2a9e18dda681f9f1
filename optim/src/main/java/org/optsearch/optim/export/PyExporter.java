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
        String parameters = PyDocs.keywordParameters(rateKeyword, rate, keywordHyperparameters());
        return declares(StepInput.TOTAL_STEPS) ? parameters + ", " + TOTAL_STEPS + "=None" : parameters;
    }

    /** The keyword argument that gives a program reading {@code total_steps} the training's number of steps. */
    static final String TOTAL_STEPS = "total_steps";

    final boolean declares(StepInput input) {
        return program.signature().declares(input);
    }

    /** The docstring lines for the step inputs the program reads. */
    final void stepInputDocs(CodeWriter out, String counter) {
        if (declares(StepInput.STEP)) {
            out.line("The program's step input is the number of the update being computed, from 1 (" + counter + ").");
        }
        if (declares(StepInput.TOTAL_STEPS)) {
            out.line(TOTAL_STEPS + ": the training's total number of steps, which the program reads; required.");
        }
    }

    /** A Python statement that raises when total_steps was not given (nothing for a program that does not read it). */
    final void requireTotalSteps(CodeWriter out, String value, String owner) {
        if (declares(StepInput.TOTAL_STEPS)) {
            out.line("if " + value + " is None:").indent();
            out.line("raise ValueError(\"" + owner + " reads total_steps: pass total_steps=N, the training's "
                    + "number of steps\")").dedent();
        }
    }

    /** A docstring line for each hyperparameter other than lr_scale. */
    final void hyperparameterDocs(CodeWriter out) {
        for (String h : keywordHyperparameters().keySet()) {
            out.line(h + ": the program's hyperparameter of that name.");
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
