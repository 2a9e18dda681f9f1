package org.optsearch.optim.export;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.StepInput;

/**
 * A program as a {@code torch.optim.Optimizer} subclass (docs/export.md). Per parameter: one state tensor
 * per slot in {@code self.state[p]}, zero at first; the program's statements; the new state stored; then
 * {@code p -= update}. A program that reduces over all parameters runs statement by statement over
 * lists of tensors instead ({@link PyBody}).
 */
final class TorchExporter extends PyExporter {
    /** Names the generated module or its step method defines; program variables must not take them. */
    private static final Set<String> RESERVED = Set.of("torch", "math", "self", "closure", "loss", "group", "p",
            "params", "state", "i", "defaults");
    /**
     * Names a hyperparameter may not have as a keyword argument: the constructor's own, and
     * {@code initial_lr}, which torch's learning-rate schedulers add to every param group.
     */
    private static final Set<String> RESERVED_KEYWORDS = Set.of("lr", "params", "self", "defaults", "initial_lr");

    private final String className;

    /** @param listForm whether to use the list form even without reductions over all parameters (tests) */
    TorchExporter(ExportSource source, String className, boolean listForm) {
        super(source, PyDialect.TORCH, "lr", RESERVED, RESERVED_KEYWORDS, listForm);
        this.className = className;
    }

    @Override
    String export() {
        // The step is written first, so that the helpers it uses are known when the module is assembled.
        String step = step();
        CodeWriter out = new CodeWriter();
        moduleDocstring(out, className, ExportTarget.PYTORCH, "a torch.optim.lr_scheduler");
        out.blank();
        if (expressions.usesMath()) {
            out.line("import math").blank();
        }
        out.line("import torch");
        helpers(out);
        out.blank().blank();
        out.line("class " + className + "(torch.optim.Optimizer):").indent();
        classDocstring(out);
        out.blank();
        out.line("def __init__(self, params, " + keywordParameters() + "):").indent();
        StringBuilder defaults = new StringBuilder("defaults = dict(lr=lr");
        keywordHyperparameters().keySet().forEach(k -> defaults.append(", ").append(k).append('=').append(k));
        if (declares(StepInput.TOTAL_STEPS)) {
            defaults.append(", " + TOTAL_STEPS + "=" + TOTAL_STEPS);
        }
        out.line(defaults + ")");
        out.line("super().__init__(params, defaults)").dedent();
        out.blank();
        out.lines(step);
        if (program.hasReadout()) {
            evalWeights(out);
        }
        out.dedent();
        return out.toString();
    }

    /** The key of self.state[p] that holds the readout: 'readout', unless a slot has that name. */
    static String readoutKey(Program program) {
        String key = "readout";
        while (program.signature().slots().contains(key)) {
            key = key + "_";
        }
        return key;
    }

    private void evalWeights(CodeWriter out) {
        String key = readoutKey(program);
        out.blank();
        out.line("@torch.no_grad()");
        out.line("def eval_weights(self):").indent();
        out.line("\"\"\"The weights to evaluate, the program's readout (" + program.readout() + "): one new tensor per "
                + "parameter,");
        out.line("in the order of the param groups; a parameter not stepped yet is copied as it is. To evaluate,");
        out.line("copy them into the parameters (and back before the next step).\"\"\"");
        out.line("return [self.state[p]['" + key + "'].clone() if '" + key + "' in self.state[p] else "
                + "p.detach().clone()").indent();
        out.line("for group in self.param_groups for p in group['params']]").dedent().dedent();
    }

    private void classDocstring(CodeWriter out) {
        out.line("\"\"\"" + SourceText.python(source.fileName()) + " as a torch.optim.Optimizer.");
        out.blank();
        out.line("Keyword arguments (each is also a key of every param group):").indent();
        if (source.hasLearningRateScale()) {
            out.line("lr: the learning rate, the program's " + Exporter.LEARNING_RATE_SCALE + ".");
        } else {
            out.line("lr: the program's lr input.");
        }
        hyperparameterDocs(out);
        out.dedent();
        stepInputDocs(out, "counted per parameter in self.state[p]['step'], as torch.optim.Adam counts");
        List<String> slots = program.signature().slots();
        if (!slots.isEmpty()) {
            out.line("State (self.state[p]): " + String.join(", ", slots.stream().map(s -> "'" + s + "'").toList())
                    + ", one tensor like p per state slot, zero before the first step.");
        }
        out.line("\"\"\"");
    }

    private String step() {
        CodeWriter out = new CodeWriter();
        out.line("@torch.no_grad()");
        out.line("def step(self, closure=None):").indent();
        out.line("\"\"\"One step for every parameter that has a gradient; returns the closure's loss, if any.\"\"\"");
        out.line("loss = None");
        out.line("if closure is not None:").indent();
        out.line("with torch.enable_grad():").indent().line("loss = closure()").dedent().dedent();
        out.line("for group in self.param_groups:").indent();
        requireTotalSteps(out, "group['" + TOTAL_STEPS + "']", className);
        PyBody body = body();
        if (listForm) {
            listStep(out, body);
        } else {
            parameterStep(out, body);
        }
        out.dedent();
        out.line("return loss");
        return out.toString();
    }

    /** The per-parameter form: the program runs once for each parameter. */
    private void parameterStep(CodeWriter out, PyBody body) {
        Signature sig = program.signature();
        out.line("for p in group['params']:").indent();
        out.line("if p.grad is None:").indent().line("continue").dedent();
        if (keepsState()) {
            out.line("state = self.state[p]");
            initializeState(out);
        }
        out.line(names.of(sig.weight()) + " = p");
        out.line(names.of(sig.gradient()) + " = p.grad");
        for (String slot : sig.slots()) {
            out.line(names.of(slot) + " = state['" + slot + "']");
        }
        readScalars(out, "state['step']");
        body.lines().forEach(out::line);
        List<String> returns = program.returns();
        Set<String> stored = new HashSet<>();
        for (int k = 0; k < sig.slotCount(); k++) {
            String value = names.of(returns.get(k + 1));
            boolean fresh = kinds.returnedFresh(k + 1) && stored.add(value);
            out.line("state['" + sig.slots().get(k) + "'] = "
                    + (fresh ? value : expressions.use("_fresh") + "(" + value + ", p)"));
        }
        storeReadout(out, names.of(program.readout() == null ? returns.get(0) : program.readout()), stored);
        out.line("p.sub_(" + names.of(returns.get(0)) + ")");
        out.dedent();
    }

    /** state[readout key] = the readout (copied unless this step made it and nothing else holds it). */
    private void storeReadout(CodeWriter out, String value, Set<String> stored) {
        if (!program.hasReadout()) {
            return;
        }
        int index = program.returns().size();
        boolean fresh = kinds.returnedFresh(index) && kinds.returned(index) == PyKind.ARRAY && stored.add(value);
        out.line("state['" + readoutKey(program) + "'] = "
                + (fresh ? value : expressions.use("_fresh") + "(" + value + ", p)"));
    }

    /** The list form: every array is a list with one tensor per parameter. */
    private void listStep(CodeWriter out, PyBody body) {
        Signature sig = program.signature();
        out.line("params = [p for p in group['params'] if p.grad is not None]");
        out.line("if not params:").indent().line("continue").dedent();
        if (keepsState()) {
            out.line("for p in params:").indent();
            out.line("state = self.state[p]");
            initializeState(out);
            out.dedent();
        }
        out.line(kinds.needsAllParameters()
                ? "# Arrays are lists with one tensor per parameter: the program reduces over all of them."
                : "# Arrays are lists with one tensor per parameter.");
        out.line(names.of(sig.weight()) + " = list(params)");
        out.line(names.of(sig.gradient()) + " = [p.grad for p in params]");
        for (String slot : sig.slots()) {
            out.line(names.of(slot) + " = [self.state[p]['" + slot + "'] for p in params]");
        }
        readScalars(out, "self.state[params[0]]['step']");
        body.lines().forEach(out::line);
        List<String> returns = program.returns();
        out.line("for i, p in enumerate(params):").indent();
        if (sig.slotCount() > 0 || program.hasReadout()) {
            out.line("state = self.state[p]");
        }
        Set<String> stored = new HashSet<>();
        for (int k = 0; k < sig.slotCount(); k++) {
            String value = element(names.of(returns.get(k + 1)), k + 1);
            boolean fresh = kinds.returnedFresh(k + 1) && stored.add(value);
            out.line("state['" + sig.slots().get(k) + "'] = "
                    + (fresh ? value : expressions.use("_fresh") + "(" + value + ", p)"));
        }
        if (program.hasReadout()) {
            storeReadout(out, element(names.of(program.readout()), returns.size()), stored);
        }
        out.line("p.sub_(" + element(names.of(returns.get(0)), 0) + ")");
        out.dedent();
    }

    /** Returned value {@code index} for parameter i: {@code x[i]} of a list, a scalar as it is. */
    private String element(String name, int index) {
        return kinds.returned(index) == PyKind.ARRAY ? name + "[i]" : name;
    }

    /** Whether self.state[p] holds anything: the slots, the step count of a program that reads step, the readout. */
    private boolean keepsState() {
        return program.signature().slotCount() > 0 || declares(StepInput.STEP) || program.hasReadout();
    }

    private void initializeState(CodeWriter out) {
        if (program.signature().slotCount() == 0 && !declares(StepInput.STEP)) {
            return; // only a readout, stored after the step
        }
        out.line("if len(state) == 0:").indent();
        if (declares(StepInput.STEP)) {
            out.line("state['step'] = 0");
        }
        for (String slot : program.signature().slots()) {
            out.line("state['" + slot + "'] = torch.zeros_like(p, memory_format=torch.preserve_format)");
        }
        out.dedent();
        if (declares(StepInput.STEP)) {
            out.line("state['step'] += 1");
        }
    }

    /**
     * lr, the step inputs and the hyperparameters, from the param group.
     *
     * @param count where this parameter's step count is
     */
    private void readScalars(CodeWriter out, String count) {
        String lr = names.of(program.signature().learningRate());
        if (source.hasLearningRateScale()) {
            out.line(lr + " = 1.0  # the learning rate is " + Exporter.LEARNING_RATE_SCALE + " (group['lr'])");
        } else {
            out.line(lr + " = group['lr']");
        }
        if (declares(StepInput.STEP)) {
            out.line(names.of(StepInput.STEP.spelling()) + " = float(" + count + ")");
        }
        if (declares(StepInput.TOTAL_STEPS)) {
            out.line(names.of(StepInput.TOTAL_STEPS.spelling()) + " = float(group['" + TOTAL_STEPS + "'])");
        }
        for (String h : program.hyperparameters().keySet()) {
            out.line(names.of(h) + " = group['" + keyword(h) + "']");
        }
    }
}
