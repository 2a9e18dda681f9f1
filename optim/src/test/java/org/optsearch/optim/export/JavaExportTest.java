package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.ProgramOptimizerBuilder;
import org.optsearch.optim.Schedule;

/**
 * The Java export of every program compiles (with every lint warning on, none reported) against this
 * module; its {@code PROGRAM} is the program's text, comments and odd characters included; and the
 * optimizer it builds steps like the reference interpreter.
 */
class JavaExportTest {
    @TempDir
    Path dir;

    @Test
    void everyExportCompilesKeepsItsTextAndStepsLikeTheReference() throws Exception {
        List<ExportSource> sources = ExportPrograms.all();
        List<Path> files = new ArrayList<>();
        for (ExportSource source : sources) {
            String name = ClassNames.fromFileName(source.fileName());
            files.add(Files.writeString(dir.resolve(name + ".java"),
                    Exporter.export(source, ExportTarget.JAVA, name), StandardCharsets.UTF_8));
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(files, classes);

        Problem problem = Problem.standard();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (ExportSource source : sources) {
                Class<?> exported = loader.loadClass(ClassNames.fromFileName(source.fileName()));
                String text = (String) exported.getField("PROGRAM").get(null);
                assertEquals(String.join("\n", SourceText.lines(source.text())) + "\n", text,
                        source.fileName() + ": PROGRAM is not the program's text");
                assertEquals(source.program(), Program.parse(text));

                boolean total = source.program().signature().declares(StepInput.TOTAL_STEPS);
                Optimizer optimizer = total // create() refuses: the number of steps has no default
                        ? ((ProgramOptimizerBuilder.Any) exported.getMethod("builder").invoke(null))
                                .optTotalSteps(Problem.STEPS).build()
                        : (Optimizer) exported.getMethod("create").invoke(null);
                assertEquals(source.baseName(), optimizer.name());
                assertSteps(problem, source, optimizer, null);

                // The builder takes a schedule (and, with lr_scale, a learning rate) like any other.
                Method builder = exported.getMethod("builder");
                ProgramOptimizerBuilder.Any b = (ProgramOptimizerBuilder.Any) builder.invoke(null);
                double[] factors = ExportCase.scheduleFactors();
                b.optSchedule(Schedule.warmupCosine(5, Problem.STEPS)).optTotalSteps(Problem.STEPS);
                assertSteps(problem, source, b.build(), factors);
            }
        }
    }

    private static void assertSteps(Problem problem, ExportSource source, Optimizer optimizer, double[] factors) {
        float[] w = problem.initial.clone();
        OptimizerState state = optimizer.newState(problem.layout);
        for (int s = 0; s < Problem.STEPS; s++) {
            optimizer.step(w, problem.gradients[s].clone(), state);
        }
        Problem.Result expected = problem.reference(source.program(), Map.of(), null, factors);
        Problem.Comparison comparison = Problem.compare(expected, new Problem.Result(w, state.slots()),
                PythonHarness.stateKeys(source.program()));
        assertTrue(comparison.ok(), source.fileName() + (factors == null ? "" : " with a schedule")
                + ": the Java export and the reference differ:\n  " + String.join("\n  ", comparison.failures()));
    }

    /** Compiles with the JDK's compiler against the test class path; fails on any error or warning. */
    private static void compile(List<Path> files, Path classes) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.US_ASCII)) {
            // Surefire may hand the JVM a one-jar class path whose manifest lists the rest; javac reads both.
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> options = List.of("--release", "17", "-Xlint:all", "-encoding", "US-ASCII",
                    "-classpath", classPath, "-d", classes.toString());
            StringWriter out = new StringWriter();
            boolean ok = compiler.getTask(out, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            List<String> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                problems.add(d.getKind() + " " + (d.getSource() == null ? "" : new File(d.getSource().getName()).getName())
                        + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
            assertTrue(ok && problems.isEmpty(), "the Java exports do not compile cleanly:\n"
                    + String.join("\n", problems) + out);
        }
    }
}
