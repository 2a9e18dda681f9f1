package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

/** The exports' text: names, the form chosen, the helpers defined, the errors. Running them is tested elsewhere. */
class ExportTest {

    @Test
    void defaultClassNameIsCamelCaseOfTheFileName() {
        assertEquals("Lion", ClassNames.fromFileName("lion.opt"));
        assertEquals("SgdMomentum", ClassNames.fromFileName("programs/sgd_momentum.opt"));
        assertEquals("AdamwEps", ClassNames.fromFileName("adamw_eps.opt"));
        assertEquals("AdamW", ClassNames.fromFileName("adamW.opt"));
        assertEquals("LionV2", ClassNames.fromFileName("dir\\lion-v2.opt"));
        assertEquals("Opt2nd", ClassNames.fromFileName("2nd.opt"));
        assertEquals("Exported", ClassNames.fromFileName("__.opt"));
    }

    @Test
    void classNamesThatCannotNameTheClassAreRefusedWithTheReason() {
        for (ExportTarget target : ExportTarget.values()) {
            ClassNames.check("Lion", target);
            assertTrue(message("my-opt", target).contains("use ASCII letters, digits and '_'"));
            assertTrue(message("1abc", target).contains("not starting with a digit"));
            assertTrue(message("Lïon", target).contains("invalid class name 'Lïon'"));
        }
        assertEquals("invalid class name 'record': it is reserved in Java", message("record", ExportTarget.JAVA));
        assertTrue(message("Optimizer", ExportTarget.JAVA).contains("uses the type Optimizer"));
        ClassNames.check("lambda", ExportTarget.JAVA);
        assertEquals("invalid class name 'lambda': it is a Python keyword", message("lambda", ExportTarget.PYTORCH));
        assertTrue(message("torch", ExportTarget.PYTORCH).contains("would hide a name the generated module uses"));
        assertTrue(message("_guard", ExportTarget.OPTAX).contains("would hide"));
        ClassNames.check("Float", ExportTarget.PYTORCH);
        assertEquals("invalid class name 'Float': 'float', made from it, would hide a name the generated module uses",
                message("Float", ExportTarget.OPTAX));
    }

    private static String message(String name, ExportTarget target) {
        return assertThrows(IllegalArgumentException.class, () -> ClassNames.check(name, target)).getMessage();
    }

    @Test
    void optaxFunctionNamesAreSnakeCase() {
        assertEquals("lion", ClassNames.snakeCase("Lion"));
        assertEquals("sgd_momentum", ClassNames.snakeCase("SgdMomentum"));
        assertEquals("lion_v2", ClassNames.snakeCase("LionV2"));
        assertEquals("http_server", ClassNames.snakeCase("HTTPServer"));
        assertEquals("my_opt", ClassNames.snakeCase("my_opt"));
    }

    @Test
    void targetsAreNamedAsOnTheCommandLine() {
        assertEquals(ExportTarget.PYTORCH, ExportTarget.byId("PyTorch"));
        assertEquals("optax", ExportTarget.OPTAX.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> ExportTarget.byId("tf"));
        assertEquals("unknown export target 'tf'; expected one of pytorch, optax, java", e.getMessage());
    }

    @Test
    void arraysAreWhereTheAnalysisSaysAndScalarsOfSumsAreTensors() {
        for (ExportSource source : ExportPrograms.all()) {
            Program p = source.program();
            Analysis analysis = Analysis.of(p);
            Kinds kinds = Kinds.of(p);
            for (int k = 0; k < p.statements().size(); k++) {
                assertEquals(analysis.isArray(k), kinds.result(k) == PyKind.ARRAY,
                        source.fileName() + ": " + p.statements().get(k));
            }
        }
        Kinds kinds = Kinds.of(ExportPrograms.named("tensor_scalars.opt").program());
        assertEquals(PyKind.SCALAR_TENSOR, kinds.result(2)); // d = dot(m, g)
        assertTrue(kinds.needsAllParameters());
        assertFalse(Kinds.of(ExportPrograms.named("lion.opt").program()).needsAllParameters());
    }

    @Test
    void elementwiseProgramsLoopOverParametersAndReductionsUseLists() {
        String lion = torch("lion.opt");
        assertTrue(lion.contains("            for p in group['params']:\n"), lion);
        assertFalse(lion.contains("range(len(params))"), lion);
        assertTrue(lion.contains("    def __init__(self, params, lr=0.0001, beta1=0.9, beta2=0.99, wd=1.0):\n"));
        assertTrue(lion.contains("                # update = interp(g, m, beta1)\n"
                + "                update = (1 - beta1) * g + beta1 * m\n"), lion);
        assertTrue(lion.contains("                lr_scale = group['lr']\n"), lion);
        String reductions = torch("reductions.opt");
        assertTrue(reductions.contains("            params = [p for p in group['params'] if p.grad is not None]\n"));
        assertTrue(reductions.contains("            gn = torch.sqrt(_dot(m, m, params))\n"), reductions);
        assertTrue(reductions.contains("            u = [m[i] / _guard(gn) for i in range(len(params))]\n"), reductions);
    }

    @Test
    void theModuleNamesTheProgramAndQuotesItsText() {
        String lion = torch("lion.opt");
        assertTrue(lion.startsWith("\"\"\"Lion: the optimizer program lion.opt, exported from OptSearch for PyTorch."));
        assertTrue(lion.contains("\n    def train(w, g, m, lr, beta1=0.9, beta2=0.99, wd=1.0, lr_scale=0.0001):\n"));
        String names = torch("names.opt");
        assertTrue(names.contains("a comment with \\\"quotes\\\", \\\"\\\"\\\"three\\\"\\\"\\\""), names);
        assertTrue(names.contains("a back\\\\slash, \\\\u0041,"), names);
    }

    @Test
    void onlyTheHelpersUsedAreDefined() {
        List<String> helpers = definitions(torch("lion.opt"));
        assertEquals(List.of("_sign"), helpers);
        assertEquals(List.of(), definitions(torch("sgd.opt")));
        assertEquals(List.of("_guard", "_like", "_tensors", "_clip_factor", "_dot", "_cosine_sim",
                "_clip_by_global_norm"), definitions(torch("reductions.opt")));
        String optax = Exporter.export(ExportPrograms.named("reductions.opt"), ExportTarget.OPTAX, "Reductions");
        assertEquals(List.of("_guard", "_clip_factor", "_dot", "_cosine_sim", "_clip_by_global_norm", "_train"),
                definitions(optax));
    }

    private static List<String> definitions(String module) {
        Matcher m = Pattern.compile("(?m)^def (_\\w+)\\(").matcher(module);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void namesPythonReservesAreRenamedEverywhere() {
        String names = torch("names.opt");
        assertTrue(names.contains("def __init__(self, params, lr=1.0, lr_=0.01, torch_=0.9, initial_lr_=2.0, i_=1.0, "
                + "params_=0.1, float_=0.5, _guard_=1.0):"), names);
        assertTrue(names.contains("                p_ = p\n                state_ = p.grad\n"
                + "                lambda__ = state['lambda']\n"), names);
        assertTrue(names.contains("                eta = group['lr']\n"), names);
        assertTrue(names.contains("                # lambda = interp(self, lambda, torch)\n"
                + "                lambda__ = (1 - torch_) * self_ + torch_ * lambda__\n"), names);
        String optax = Exporter.export(ExportPrograms.named("names.opt"), ExportTarget.OPTAX, "Names");
        assertTrue(optax.contains("class NamesState(NamedTuple):"), optax);
        assertTrue(optax.contains("    count: Any\n    lambda__: Any\n    m: Any\n    count_: Any\n"), optax);
        assertTrue(optax.contains("def names(learning_rate=1.0, lr=0.01, torch=0.9,"), optax);
    }

    @Test
    void stepIsCountedLikeTorchsAdamAndTotalStepsMustBeGiven() {
        String torch = torch("step_inputs.opt");
        assertTrue(torch.contains("def __init__(self, params, lr=0.1, beta=0.9, total_steps=None):"), torch);
        assertTrue(torch.contains("                    state['step'] = 0\n                state['step'] += 1\n"), torch);
        assertTrue(torch.contains("                state['step'] += 1\n"), torch);
        assertTrue(torch.contains("                step = float(state['step'])\n"
                + "                total_steps = float(group['total_steps'])\n"), torch);
        assertTrue(torch.contains("        if total_steps is None or not total_steps > 0:\n            raise ValueError("
                + "'this optimizer reads total_steps: pass total_steps=N"), torch);
        String optax = Exporter.export(ExportPrograms.named("step_inputs.opt"), ExportTarget.OPTAX, "StepInputs");
        assertTrue(optax.contains("def _train(w, g, m, lr, step, total_steps_, beta, lr_scale):"), optax);
        assertTrue(optax.contains("_train(*leaf, 1.0, state.count + 1, total_steps, beta, rate)"), optax);
    }

    @Test
    void newStateValuesThatAreNotNewTensorsAreCopied() {
        String aliasing = torch("aliasing.opt");
        assertTrue(aliasing.contains("                state['m'] = _fresh(v, p)\n"
                + "                state['v'] = n\n"
                + "                state['a'] = _fresh(g, p)\n"
                + "                state['b'] = _fresh(w, p)\n"
                + "                state['c'] = _fresh(half, p)\n"
                + "                state['d'] = _fresh(n, p)\n"), aliasing);
    }

    @Test
    void theSameInputGivesTheSameOutput() {
        for (ExportTarget target : ExportTarget.values()) {
            ExportSource source = ExportPrograms.named("functions.opt");
            assertEquals(Exporter.export(source, target, "Functions"), Exporter.export(source, target, "Functions"));
        }
    }

    @Test
    void invalidProgramsAreRefusedWithThePosition() {
        var parse = assertThrows(ProgramException.class, () -> ExportSource.parse("bad.opt", """
                def train(w, g, lr):
                  update = sgn(g)
                  return update
                """));
        assertTrue(parse.getMessage().startsWith("2:12: unknown function 'sgn'"), parse.getMessage());
        var analysis = assertThrows(ProgramException.class, () -> ExportSource.parse("bad.opt", """
                def train(w, g, lr):
                  update = gg * lr
                  return update
                """));
        assertTrue(analysis.getMessage().startsWith("2:12: undefined variable 'gg'"), analysis.getMessage());
    }

    private static String torch(String program) {
        return Exporter.export(ExportPrograms.named(program), ExportTarget.PYTORCH, ClassNames.fromFileName(program));
    }
}
