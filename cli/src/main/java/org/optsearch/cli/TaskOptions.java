package org.optsearch.cli;

import org.optsearch.train.data.DataException;
import org.optsearch.train.run.Task;
import org.optsearch.train.task.Tasks;
import org.optsearch.train.task.spec.TaskSpecException;

/** Turns {@code --task}, {@code --steps} and {@code --seed} into a task, or a user error (exit 2). */
final class TaskOptions {
    private TaskOptions() {
    }

    static Task resolve(String name, Integer steps, Long seed) {
        Task task;
        try {
            task = Tasks.resolve(name);
        } catch (TaskSpecException | DataException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (steps != null) {
            if (steps < 1) {
                throw new CliException("--steps must be >= 1, got " + steps);
            }
            task = task.withConfig(task.config().withSteps(steps));
        }
        if (seed != null) {
            task = task.withConfig(task.config().withSeed(seed));
        }
        return task;
    }
}
