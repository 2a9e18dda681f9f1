package org.optsearch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.optsearch.train.run.TrainResult;

/** Small JDBC helpers: NaN is SQL NULL (SQLite cannot store it); infinities are stored as they are. */
final class Sql {
    private Sql() {
    }

    static void setDouble(PreparedStatement s, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            s.setNull(i, Types.REAL);
        } else {
            s.setDouble(i, v);
        }
    }

    static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, v);
        }
    }

    static void setString(PreparedStatement s, int i, String v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.VARCHAR);
        } else {
            s.setString(i, v);
        }
    }

    /** The column as a double, NaN for NULL. */
    static double getDouble(ResultSet r, String column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    /** The column as a long, {@code ifNull} for NULL. */
    static long getLong(ResultSet r, String column, long ifNull) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? ifNull : v;
    }

    /** {@code [[step, train_loss, val_loss, val_accuracy], ...]}, with null for NaN or infinite values. */
    static String curveJson(List<TrainResult.Point> curve) {
        StringBuilder b = new StringBuilder(curve.size() * 48 + 2).append('[');
        for (int i = 0; i < curve.size(); i++) {
            TrainResult.Point p = curve.get(i);
            b.append(i == 0 ? "[" : ",[").append(p.step()).append(',');
            number(b, p.trainLoss()).append(',');
            number(b, p.valLoss()).append(',');
            number(b, p.valAccuracy()).append(']');
        }
        return b.append(']').toString();
    }

    private static StringBuilder number(StringBuilder b, double v) {
        return Double.isFinite(v) ? b.append(v) : b.append("null");
    }
}
