package org.optsearch.cli;

import picocli.CommandLine;

/**
 * A positive element count: {@code 1000000}, {@code 1_000_000}, or with a decimal suffix {@code 100k},
 * {@code 10M}, {@code 1G} (powers of 1000, as the number of floats is a count, not a memory size).
 */
final class SizeConverter implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        String s = value.trim().replace("_", "").replace(",", "");
        long scale = 1;
        if (!s.isEmpty()) {
            switch (Character.toLowerCase(s.charAt(s.length() - 1))) {
                case 'k' -> scale = 1_000;
                case 'm' -> scale = 1_000_000;
                case 'g' -> scale = 1_000_000_000;
                default -> scale = 1;
            }
            if (scale != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(s), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(value, "expected a whole number such as 1000000, 1_000_000 or 1M");
        }
        if (n < 1) {
            throw bad(value, "must be >= 1");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw bad(value, "at most " + (Integer.MAX_VALUE - 8) + " floats fit in one Java array");
        }
        return (int) n;
    }

    private static CommandLine.TypeConversionException bad(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "': " + why);
    }
}
