package dev.ticketmigration.changelog;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The dirty keys of one batch the change log delivered, in the source's commit order. Hand it back
 * to {@link ChangeLogReader#confirm} once its keys are rebuilt: only then does the reader store its
 * position and let the source release the log behind it.
 *
 * @param session the reader run that delivered the batch; a batch of an earlier run is not
 *     confirmed (that run's unconfirmed changes are delivered again instead)
 * @param sequence the batch's number within its session, from 1
 * @param keys the batch's dirty keys, never empty
 */
public record ChangeBatch(String session, long sequence, List<DirtyKey> keys)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ChangeBatch {
    Objects.requireNonNull(session, "session");
    keys = List.copyOf(keys);
  }
}
