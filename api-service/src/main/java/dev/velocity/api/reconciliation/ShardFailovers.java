package dev.velocity.api.reconciliation;

import java.util.Collection;
import java.util.Set;

/**
 * Which sales have a different Redis master than when last asked. A replica promoted
 * after its master died may lack the master's last acknowledged writes (replication is
 * asynchronous), and counting cannot tell while orders are in flight: such a sale is held
 * and rebuilt from the order store.
 */
public interface ShardFailovers {

	/**
	 * The sales whose master changed since the previous call (a failover, or a slot
	 * migrated). A sale seen for the first time has not changed.
	 * @param saleIds every live sale (the ones not listed are forgotten)
	 * @return those of them with a new master
	 */
	Set<String> moved(Collection<String> saleIds);

}
