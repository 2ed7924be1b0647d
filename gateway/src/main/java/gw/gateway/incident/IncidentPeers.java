package gw.gateway.incident;

import java.util.Collection;
import java.util.List;

/**
 * The other instances of a fleet, for incidents: one instance leads (opens, updates and resolves
 * incidents, from what every instance saw); the others report what their ticks saw and follow the
 * incidents in the shared store. Alone, this instance leads and hears no one.
 */
public interface IncidentPeers {
  /** What one instance's latest tick found. */
  record Sighting(String instance, boolean traffic, List<Triage.Finding> findings) {}

  /** This instance's name on timelines; null alone, so a single gateway's timeline names no one. */
  String self();

  boolean leads();

  /** Who leads now, as far as this instance knows (null if unknown). */
  String leader();

  /** Tells the leader what this tick found. */
  void share(boolean traffic, Collection<Triage.Finding> findings);

  /** The latest fresh sighting of each other instance. */
  List<Sighting> others();

  IncidentPeers ALONE = new IncidentPeers() {
    @Override
    public String self() {
      return null;
    }

    @Override
    public boolean leads() {
      return true;
    }

    @Override
    public String leader() {
      return null;
    }

    @Override
    public void share(boolean traffic, Collection<Triage.Finding> findings) {}

    @Override
    public List<Sighting> others() {
      return List.of();
    }
  };
}
