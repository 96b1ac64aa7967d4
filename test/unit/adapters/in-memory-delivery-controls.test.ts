import { reputationLedgerContract, sendingControlContract } from '#test/contracts/delivery-controls-contract.ts';
import { InMemoryReputationLedger } from '#test/fakes/in-memory-reputation-ledger.ts';
import { InMemorySendingControl } from '#test/fakes/in-memory-sending-control.ts';

reputationLedgerContract('InMemoryReputationLedger', async () => new InMemoryReputationLedger());
sendingControlContract('InMemorySendingControl', async () => new InMemorySendingControl());
