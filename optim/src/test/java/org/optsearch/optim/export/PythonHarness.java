package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;

/**
 * Exports every {@link ExportCase} for one Python target, runs them all in one Python process (importing
 * torch costs seconds) with a harness script from the test resources, and compares each final state with
 * our reference interpreter. Returns one dynamic test per case and prints the largest differences.
 */
final class PythonHarness {
    private PythonHarness() {
    }

    static List<DynamicTest> run(ExportTarget target, String script, List<ExportCase> cases, Path dir)
            throws IOException {
        Problem problem = Problem.standard(target == ExportTarget.OPTAX);
        Path data = dir.resolve("problem.bin");
        problem.write(data);
        StringBuilder manifest = new StringBuilder("[\n");
        for (int c = 0; c < cases.size(); c++) {
            ExportCase k = cases.get(c);
            String className = ClassNames.fromFileName(k.source().fileName());
            Path module = dir.resolve("case" + c + ".py");
            Files.writeString(module, Exporter.export(k.source(), target, className, k.listForm()),
                    StandardCharsets.UTF_8);
            String attribute = target == ExportTarget.OPTAX ? ClassNames.snakeCase(className) : className;
            manifest.append(c > 0 ? ",\n" : "").append("{\"name\": ").append(Manifest.string(k.label()))
                    .append(", \"module\": ").append(Manifest.string(module.toString()))
                    .append(", \"attribute\": ").append(Manifest.string(attribute))
                    .append(", \"kwargs\": ").append(Manifest.object(kwargs(target, k, className)))
                    .append(", \"rate\": ").append(Manifest.number(k.baseRate()))
                    .append(", \"factors\": ").append(Manifest.numbers(k.factors()))
                    .append(", \"slots\": ").append(Manifest.strings(stateKeys(k.source().program())))
                    .append(", \"shapes\": ").append(Manifest.shapes())
                    .append(", \"steps\": ").append(Problem.STEPS)
                    .append(", \"data\": ").append(Manifest.string(data.toString()))
                    .append(", \"out\": ").append(Manifest.string(dir.resolve("case" + c + ".out").toString()))
                    .append('}');
        }
        Path manifestFile = Files.writeString(dir.resolve("manifest.json"), manifest.append("\n]\n"));
        Python.script("export_harness.py", dir); // what the harness scripts share; they import it from dir
        Python.Result run = Python.run(List.of(Python.script(script, dir).toString(), manifestFile.toString()), dir);
        assertEquals(0, run.exit(), script + " failed:\n" + run.stderr());

        // Everything is read and compared now, while the temporary directory exists.
        List<DynamicTest> tests = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-44s %12s %9s%n", target.id()
                + " export vs reference", "max |diff|", "of tol."));
        for (int c = 0; c < cases.size(); c++) {
            ExportCase k = cases.get(c);
            Path error = dir.resolve("case" + c + ".out.error");
            if (Files.exists(error)) {
                String message = k.label() + ": Python raised:\n" + Files.readString(error) + "\nin the export:\n"
                        + Files.readString(dir.resolve("case" + c + ".py"));
                tests.add(DynamicTest.dynamicTest(k.label(), () -> fail(message)));
                continue;
            }
            List<String> slots = stateKeys(k.source().program());
            Problem.Result expected = problem.reference(k.source().program(), k.overrides(), k.rate(), k.factors());
            Problem.Result actual = Problem.Result.read(dir.resolve("case" + c + ".out"), problem.layout.size(),
                    slots.size());
            Problem.Comparison comparison = Problem.compare(expected, actual, slots);
            table.append(String.format("%-44s %12.3e %8.1f%%%n", k.label(), comparison.maxDifference(),
                    100 * comparison.maxShareOfTolerance()));
            String message = k.label() + ": the " + target.id() + " export and the reference interpreter differ by "
                    + "more than " + Problem.ABS + " + " + Problem.REL + " |value|:\n  "
                    + String.join("\n  ", comparison.failures());
            tests.add(DynamicTest.dynamicTest(k.label(), () -> assertTrue(comparison.ok(), message)));
        }
        System.out.print(table);
        return tests;
    }

    /** What the harness reads back after the weights: each slot, then the readout. */
    private static List<String> stateKeys(org.optsearch.lang.Program program) {
        List<String> keys = new ArrayList<>(program.signature().slots());
        if (program.hasReadout()) {
            keys.add(TorchExporter.readoutKey(program)); // the optax harness reads by position
        }
        return keys;
    }

    /** The keyword arguments of the case, by their Python names in this target's export. */
    private static Map<String, Double> kwargs(ExportTarget target, ExportCase k, String className) {
        Map<String, Double> map = new LinkedHashMap<>();
        if (k.rate() != null) {
            map.put(target == ExportTarget.OPTAX ? "learning_rate" : "lr", k.rate());
        }
        if (k.source().program().signature().declares(org.optsearch.lang.StepInput.TOTAL_STEPS)) {
            map.put("total_steps", (double) Problem.STEPS);
        }
        for (Map.Entry<String, Double> e : k.overrides().entrySet()) {
            String keyword = target == ExportTarget.OPTAX
                    ? new OptaxExporter(k.source(), className, k.listForm()).keyword(e.getKey())
                    : new TorchExporter(k.source(), className, k.listForm()).keyword(e.getKey());
            map.put(keyword, e.getValue());
        }
        return map;
    }
}
