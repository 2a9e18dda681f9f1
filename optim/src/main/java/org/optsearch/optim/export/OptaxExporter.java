package org.optsearch.optim.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optsearch.lang.Signature;
import org.optsearch.lang.StepInput;

/**
 * A program as a function returning an {@code optax.GradientTransformation} (docs/export.md). The program's
 * statements become a module-level function {@code _train} over one leaf of the parameter tree (or, for a
 * program that reduces over all parameters, over lists of leaves); {@code update_fn} flattens the trees,
 * calls it, and returns {@code -update}, because optax adds updates to the parameters.
 */
final class OptaxExporter extends PyExporter {
    /** Names the generated module uses; program variables and hyperparameters must not take them. */
    private static final Set<String> RESERVED = Set.of("jax", "jnp", "optax", "NamedTuple", "Any", "learning_rate",
            "params", "updates", "state", "treedef", "leaves", "leaf", "results", "rate", "init_fn", "update_fn",
            "new_updates", "new_state", "tree", "zeros", "r", "p", "i", "u", "count", "index", "_train");

    private final String functionName;
    private final String stateName;
    private final List<String> fields;

    /**
     * @param name     the name the user chose, CamelCase: the state class is {@code NameState}, the function
     *                 its snake_case form ({@code SgdMomentum} makes {@code sgd_momentum})
     * @param listForm whether to use the list form even without reductions over all parameters (tests)
     */
    OptaxExporter(ExportSource source, String name, boolean listForm) {
        super(source, PyDialect.JAX, "learning_rate", reserved(name), Set.of(), listForm);
        this.functionName = ClassNames.snakeCase(name);
        this.stateName = name + "State";
        this.fields = fieldNames();
    }

    /** {@link #RESERVED} and the names of the function and the state class made for {@code name}. */
    private static Set<String> reserved(String name) {
        Set<String> reserved = new HashSet<>(RESERVED);
        reserved.add(ClassNames.snakeCase(name));
        reserved.add(name + "State");
        return reserved;
    }

    /** A NamedTuple field per slot: its Python name without leading underscores (fields may not have them). */
    private List<String> fieldNames() {
        List<String> list = new ArrayList<>();
        Set<String> taken = new HashSet<>(Set.of("count"));
        List<String> slots = program.signature().slots();
        for (int k = 0; k < slots.size(); k++) {
            String field = names.of(slots.get(k)).replaceFirst("^_+", "");
            if (field.isEmpty() || !taken.add(field)) {
                field = "slot" + k;
                while (!taken.add(field)) {
                    field = field + "_";
                }
            }
            list.add(field);
        }
        if (program.hasReadout()) {
            String field = "readout";
            while (!taken.add(field)) {
                field = field + "_";
            }
            list.add(field); // after the slots: the weights to evaluate
        }
        return list;
    }

    @Override
    String export() {
        String train = train();
        CodeWriter out = new CodeWriter();
        moduleDocstring(out, functionName, ExportTarget.OPTAX, "an optax schedule passed as learning_rate");
        out.blank();
        out.line("from typing import Any, NamedTuple");
        out.blank();
        out.line("import jax");
        out.line("import jax.numpy as jnp");
        out.line("import optax");
        helpers(out);
        out.blank().blank();
        out.line("class " + stateName + "(NamedTuple):").indent();
        out.line("\"\"\"The step count (for learning-rate schedules), then per state slot a tree of arrays");
        out.line("shaped like the parameters.\"\"\"");
        out.line("count: Any");
        for (String field : fields) {
            out.line(field + ": Any");
        }
        out.dedent();
        out.blank().blank();
        out.lines(train);
        out.blank().blank();
        transformation(out);
        return out.toString();
    }

    /** The program as a function of one leaf (or of lists of leaves). */
    private String train() {
        Signature sig = program.signature();
        List<String> parameters = new ArrayList<>();
        if (listForm) {
            parameters.add("params");
        }
        parameters.addAll(names.of(sig.inputs()));
        sig.stepInputs().forEach(in -> parameters.add(names.of(in.spelling())));
        parameters.addAll(names.of(new ArrayList<>(program.hyperparameters().keySet())));
        CodeWriter out = new CodeWriter();
        out.line("def _train(" + String.join(", ", parameters) + "):").indent();
        out.line(listForm
                ? "\"\"\"The program on lists with one array per parameter leaf (params gives their shapes); "
                        + "returns the update and the new state.\"\"\""
                : "\"\"\"The program on one parameter leaf; returns the update and the new state.\"\"\"");
        body().lines().forEach(out::line);
        List<String> results = new ArrayList<>(names.of(program.returns()));
        if (program.hasReadout()) {
            results.add(names.of(program.readout()));
        }
        out.line("return " + String.join(", ", results));
        return out.toString();
    }

    private void transformation(CodeWriter out) {
        Signature sig = program.signature();
        out.line("def " + functionName + "(" + keywordParameters() + "):").indent();
        out.line("\"\"\"" + SourceText.python(source.fileName()) + " as an optax.GradientTransformation.");
        out.blank();
        out.line("Args:").indent();
        out.line(source.hasLearningRateScale()
                ? "learning_rate: the program's " + Exporter.LEARNING_RATE_SCALE + ": a float, or an optax schedule "
                        + "(a function of the step count)."
                : "learning_rate: the program's lr input: a float, or an optax schedule (a function of the step "
                        + "count).");
        hyperparameterDocs(out);
        out.dedent();
        stepInputDocs(out, "the state's count + 1");
        out.line("\"\"\"");
        out.blank();
        out.line("def init_fn(params):").indent();
        StringBuilder init = new StringBuilder("return " + stateName + "(count=jnp.zeros([], jnp.int32)");
        if (!fields.isEmpty()) {
            // arrays are immutable, so every slot can start from the same tree of zeros
            out.line("zeros = jax.tree_util.tree_map(jnp.zeros_like, params)");
        }
        for (int k = 0; k < fields.size(); k++) {
            // the readout, before the first step, is the parameters themselves
            init.append(", ").append(fields.get(k)).append(k < sig.slotCount() ? "=zeros" : "=params");
        }
        out.line(init + ")").dedent();
        out.blank();
        out.line("def update_fn(updates, state, params=None):").indent();
        out.line("if params is None:").indent();
        out.line("raise ValueError('" + functionName + " needs the parameters: update_fn(updates, state, params)')");
        out.dedent();
        requireTotalSteps(out, TOTAL_STEPS, functionName);
        out.line("rate = learning_rate(state.count) if callable(learning_rate) else learning_rate");
        out.line("treedef = jax.tree_util.tree_structure(params)");
        StringBuilder trees = new StringBuilder("params, updates");
        fields.subList(0, sig.slotCount()).forEach(f -> trees.append(", state.").append(f)); // not the readout
        out.line("leaves = [treedef.flatten_up_to(tree) for tree in (" + trees + ")]");
        List<String> arguments = new ArrayList<>();
        arguments.add(source.hasLearningRateScale() ? "1.0" : "rate");
        if (sig.declares(StepInput.STEP)) {
            arguments.add("state.count + 1");
        }
        if (sig.declares(StepInput.TOTAL_STEPS)) {
            arguments.add(TOTAL_STEPS);
        }
        program.hyperparameters().keySet().forEach(h ->
                arguments.add(h.equals(Exporter.LEARNING_RATE_SCALE) ? "rate" : names.of(h)));
        String scalars = String.join(", ", arguments);
        if (listForm) {
            out.line("results = _train(leaves[0], *leaves, " + scalars + ")");
        } else {
            out.line("results = [_train(*leaf, " + scalars + ") for leaf in zip(*leaves)]");
        }
        out.line("# optax adds updates to the parameters; the program's update is subtracted.");
        out.line("new_updates = " + perLeaf(0, "-"));
        if (fields.isEmpty()) {
            out.line("new_state = " + stateName + "(count=state.count + 1)");
        } else {
            out.line("new_state = " + stateName + "(").indent();
            out.line("count=state.count + 1,");
            for (int k = 0; k < fields.size(); k++) {
                out.line(fields.get(k) + "=treedef.unflatten(" + perLeaf(k + 1, "") + ")"
                        + (k + 1 < fields.size() ? "," : ")"));
            }
            out.dedent();
        }
        out.line("return treedef.unflatten(new_updates), new_state");
        out.dedent();
        out.blank();
        out.line("return optax.GradientTransformation(init_fn, update_fn)");
        out.dedent();
    }

    /**
     * Returned value {@code index} as a list with one array per leaf, shaped like it: a scalar is broadcast.
     *
     * @param sign {@code "-"} to negate
     */
    private String perLeaf(int index, String sign) {
        boolean array = kinds.returned(index) == PyKind.ARRAY;
        // _train returns one value alone, several as a tuple
        boolean alone = program.returns().size() + (program.hasReadout() ? 1 : 0) == 1;
        if (listForm) {
            String value = alone ? "results" : "results[" + index + "]";
            return array ? "[" + sign + "u for u in " + value + "]"
                    : "[" + sign + "jnp.broadcast_to(" + value + ", jnp.shape(p)) for p in leaves[0]]";
        }
        String value = alone ? "r" : "r[" + index + "]";
        return array ? "[" + sign + value + " for r in results]"
                : "[" + sign + "jnp.broadcast_to(" + value + ", jnp.shape(p)) for r, p in zip(results, leaves[0])]";
    }
}
