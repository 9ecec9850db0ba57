import { ApprovalsRepo } from './approvals-repo.js';
import { ChangesRepo } from './changes-repo.js';
import { ClaimsRepo } from './claims-repo.js';
import { openDatabase, type Db } from './database.js';
import { RunsRepo } from './runs-repo.js';
import { StepsRepo } from './steps-repo.js';
import { VerificationsRepo } from './verifications-repo.js';

/** The database and its repositories, opened together and closed together. */
export class Store {
  readonly runs: RunsRepo;
  readonly changes: ChangesRepo;
  readonly approvals: ApprovalsRepo;
  readonly verifications: VerificationsRepo;
  readonly steps: StepsRepo;
  readonly claims: ClaimsRepo;

  constructor(
    readonly db: Db,
    readonly file: string,
  ) {
    this.runs = new RunsRepo(db);
    this.changes = new ChangesRepo(db);
    this.approvals = new ApprovalsRepo(db);
    this.verifications = new VerificationsRepo(db);
    this.steps = new StepsRepo(db);
    this.claims = new ClaimsRepo(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file), file);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
