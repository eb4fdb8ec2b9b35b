package posebench.cost;

import java.util.Locale;

/** What this machine costs an hour, and how the cost table and chart name it. */
public record MachinePrice(String label, double usdPerHour) {

    /** At a catalogue instance's on-demand price. */
    public static MachinePrice ofInstance(InstanceCatalogue catalogue, String name) {
        Instance instance = catalogue.byName(name);
        return new MachinePrice(String.format(Locale.ROOT, "this machine at %s's $%s/h", instance.name(),
                instance.usdPerHour()), instance.usdPerHour());
    }

    /** At a given price. */
    public static MachinePrice perHour(double usdPerHour) {
        return new MachinePrice(String.format(Locale.ROOT, "this machine at $%s/h", usdPerHour), usdPerHour);
    }
}
