package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Diagnostic;
import org.optsearch.lang.Numbers;
import org.optsearch.lang.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch check FILE...}: parse and analyse program files, report what the analysis found. */
@Command(name = "check",
        header = "Analyse program files: canonical text, hash, dead statements, state slots.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Parses and analyses optimizer programs without running them. For each valid file prints the "
                    + "canonical text, the dataflow hash (equal hash = same function), the redundant (dead) "
                    + "statements by source line, the state slots and whether each is live, the "
                    + "hyperparameters, and any warnings.",
            "Errors go to stderr as FILE:LINE:COL: message, with the source line and a caret under the column."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is a valid program", "2:some file is invalid or cannot be read, or bad usage"})
final class CheckCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Program files (.opt) to check.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object per file, one per line, instead of text. "
            + "Keys: file, valid, errors, warnings, hash, deadStatements, stateSlots, liveSlots, "
            + "hyperparameters, canonical.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int invalid = 0;
        boolean first = true;
        for (Path path : files) {
            ProgramFile file = ProgramFile.read(path);
            if (!file.valid()) {
                invalid++;
            }
            if (json) {
                out.println(toJson(file));
            } else if (file.valid()) {
                if (!first) {
                    out.println();
                }
                first = false;
                printReport(out, file);
            } else {
                for (Diagnostic d : file.errors()) {
                    DiagnosticPrinter.print(err, file.name(), file.text(), d);
                }
            }
        }
        if (invalid > 0 && !json && files.size() > 1) {
            err.println(invalid + " of " + files.size() + " files invalid");
        }
        out.flush();
        err.flush();
        return invalid > 0 ? Main.EXIT_INVALID : 0;
    }

    static void printReport(PrintWriter out, ProgramFile file) {
        Program program = file.program();
        Analysis analysis = file.analysis();
        out.println(file.name() + ": valid");
        out.println("  hash             " + analysis.hash());
        out.println("  state slots      " + slots(program, analysis));
        out.println("  hyperparameters  " + hyperparameters(program.hyperparameters()));
        List<Integer> dead = analysis.deadLines();
        out.println("  dead statements  " + (dead.isEmpty() ? "none" : "line" + (dead.size() == 1 ? " " : "s ")
                + String.join(", ", dead.stream().map(String::valueOf).toList())));
        List<Diagnostic> warnings = file.warnings();
        out.println("  warnings         " + (warnings.isEmpty() ? "none" : warnings.size()));
        for (Diagnostic w : warnings) {
            out.println("    " + DiagnosticPrinter.headline(file.name(), w));
        }
        out.println("  canonical:");
        for (String line : program.print().split("\n")) {
            out.println("    " + line);
        }
    }

    private static String slots(Program program, Analysis analysis) {
        List<String> names = program.signature().slots();
        if (names.isEmpty()) {
            return "none";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            shown.add(names.get(i) + (analysis.slotLive(i) ? " (live)" : " (not live)"));
        }
        return String.join(", ", shown);
    }

    private static String hyperparameters(Map<String, Double> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<String> shown = new ArrayList<>();
        values.forEach((name, value) -> shown.add(name + "=" + Numbers.format(value)));
        return String.join(", ", shown);
    }

    static String toJson(ProgramFile file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.name());
        o.put("valid", file.valid());
        o.set("errors", diagnostics(file.errors()));
        o.set("warnings", diagnostics(file.warnings()));
        Program program = file.program();
        Analysis analysis = file.analysis();
        if (file.valid()) {
            o.put("hash", analysis.hash());
        } else {
            o.putNull("hash");
        }
        ArrayNode dead = o.putArray("deadStatements");
        if (file.valid()) {
            analysis.deadLines().forEach(dead::add);
        }
        ArrayNode slots = o.putArray("stateSlots");
        ArrayNode live = o.putArray("liveSlots");
        ObjectNode hyper = o.putObject("hyperparameters");
        if (program != null) {
            List<String> names = program.signature().slots();
            for (int i = 0; i < names.size(); i++) {
                slots.add(names.get(i));
                if (file.valid() && analysis.slotLive(i)) {
                    live.add(names.get(i));
                }
            }
            program.hyperparameters().forEach(hyper::put);
        }
        if (file.valid()) {
            o.put("canonical", program.print());
        } else {
            o.putNull("canonical");
        }
        return o.toString();
    }

    private static ArrayNode diagnostics(List<Diagnostic> list) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic d : list) {
            ObjectNode e = array.addObject();
            e.put("line", d.line());
            e.put("column", d.column());
            e.put("message", d.message());
        }
        return array;
    }
}
