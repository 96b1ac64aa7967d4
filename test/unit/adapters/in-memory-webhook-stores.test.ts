import { decisionAdvanceContract, deliveryLogContract } from '#test/contracts/webhook-stores-contract.ts';
import { InMemoryDecisionRepository } from '#test/fakes/in-memory-decision-repository.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';

decisionAdvanceContract('InMemoryDecisionRepository', () => new InMemoryDecisionRepository());
deliveryLogContract('InMemoryDeliveryLog', () => new InMemoryDeliveryLog());
