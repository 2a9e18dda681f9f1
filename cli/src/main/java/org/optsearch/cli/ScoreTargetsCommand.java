package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.optsearch.suite.Baselines;
import org.optsearch.suite.Journal;
import org.optsearch.suite.TargetSetting;
import org.optsearch.suite.Targets;
import org.optsearch.suite.Workload;
import org.optsearch.train.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch score targets}: regenerates the targets file, AlgoPerf's protocol. */
@Command(name = "targets",
        header = "Set the workloads' targets and budgets with tuned baselines (full protocol: ~35 min on 2 idle cores).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "For AdamW, NAdamW, SGD with Nesterov momentum and SGD with heavy-ball momentum: --trials Halton trials"
                    + " over each one's workload-agnostic space (learning rate, weight decay, 1-beta1, 1-beta2, warm-up),"
                    + " trained for each workload's tuning steps. Per workload the best configuration is rerun with"
                    + " --seeds seeds; the target is the median of their best validation values, the budget 1.33x the"
                    + " median steps they needed. Each baseline's best trial is then rerun at the budget to give its"
                    + " steps to target. Writes the targets file with its provenance (command, commit, date, JDK).",
            "Finished trainings are journaled next to the output (FILE.journal): run the same command again to resume"
                    + " after a stop.",
            "The full protocol (30 trials, 5 seeds) on the 8 workloads and 10 variants is 2,610 trainings, about 65"
                    + " minutes of CPU (35 on two idle cores); see docs/benchmark.md."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:unknown workload, bad task file or usage"})
final class ScoreTargetsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--workloads", defaultValue = "all,variants", paramLabel = "a,b|all|variants",
            description = "Workloads (default: ${DEFAULT-VALUE}).")
    private String workloads;

    @Option(names = "--task", paramLabel = "FILE", description = "A workload from a task file (repeatable); with --task,"
            + " only the task files unless --workloads names others.")
    private List<String> taskFiles = new ArrayList<>();

    @Option(names = "--trials", defaultValue = "30", paramLabel = "N", description = "Halton trials per baseline (default: ${DEFAULT-VALUE}).")
    private int trials;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Seeds of the reruns (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--workers", paramLabel = "W", description = "Parallel trainings (default: the number of cores).")
    private Integer workers;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: the shipped targets file"
            + " in this checkout, suite/src/main/resources/org/optsearch/suite/targets.json; with --task, targets.json).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (trials < 1 || seeds < 1) {
            throw new CliException("--trials and --seeds must be >= 1, got " + trials + " and " + seeds);
        }
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (w < 1) {
            throw new CliException("--workers must be >= 1, got " + w);
        }
        List<Workload> chosen = ScoreCommand.selectWorkloads(spec, workloads, taskFiles);
        Path file = out != null ? out : defaultOut();
        TargetSetting.Protocol protocol = new TargetSetting.Protocol(trials, seeds, 0, 1.33);
        List<Baselines> baselines = List.of(Baselines.values());
        String commit = commit(); // the code that runs is the code at the start, whatever is committed meanwhile
        err.printf(Locale.ROOT, "score targets: %d workloads x %d baselines, %d trials and %d seeds: %d trainings on %d"
                + " workers; writing %s%n", chosen.size(), baselines.size(), trials, seeds,
                protocol.trainings(chosen.size(), baselines.size()), w, file);
        err.flush();
        SuiteProgress progress = SuiteProgress.forConsole(err);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Path journalFile = file.resolveSibling(file.getFileName() + ".journal");
        Map<String, Targets.Entry> entries;
        try (Journal journal = Journal.open(journalFile, TargetSetting.header(chosen, baselines, protocol))) {
            if (journal.size() > 0) {
                err.printf(Locale.ROOT, "resuming from %s: %d trainings already done%n", journalFile, journal.size());
                err.flush();
            }
            entries = TargetSetting.run(chosen, baselines, protocol, w, progress::update, journal);
        }
        String note = trials >= TargetSetting.Protocol.FULL.trials() && seeds >= TargetSetting.Protocol.FULL.seeds()
                ? "full protocol" : "reduced protocol (the full one is 30 trials and 5 seeds): not for publication";
        Targets.Provenance provenance = new Targets.Provenance(command(), commit, Instant.now().truncatedTo(
                ChronoUnit.SECONDS).toString(), System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                trials, seeds, 0, note);
        Targets targets = new Targets(provenance, entries);
        targets.write(file);
        Files.deleteIfExists(journalFile);
        for (Map.Entry<String, Targets.Entry> e : entries.entrySet()) {
            Targets.Entry t = e.getValue();
            o.printf(Locale.ROOT, "%-24s %-30s target %.4g  budget %5d  (set by %s; needed %d of %d tuning steps)%n",
                    e.getKey(), t.metric().label(), t.target(), t.budget(), t.setBy(), t.stepsNeeded(), t.tuningSteps());
        }
        o.println("targets: " + file);
        o.flush();
        return 0;
    }

    private Path defaultOut() {
        if (taskFiles.isEmpty()) {
            String home = System.getProperty(Tasks.HOME_PROPERTY);
            Path dir = Path.of(home != null ? home : ".").resolve("suite/src/main/resources/org/optsearch/suite");
            if (Files.isDirectory(dir)) {
                return dir.resolve(Targets.RESOURCE);
            }
        }
        return Path.of("targets.json");
    }

    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "optsearch " + String.join(" ", args);
    }

    /** The checkout's commit (with "+changes" when its tree differs), or "unknown" without git. */
    private static String commit() {
        String home = System.getProperty(Tasks.HOME_PROPERTY, ".");
        String head = git(home, "rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git(home, "status", "--porcelain", "--untracked-files=no");
        return head + (status != null && !status.isBlank() ? "+changes" : "");
    }

    private static String git(String dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
