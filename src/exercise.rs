//! Graded exercises for trainers: a starting lab, setup steps the student does not see, and
//! tasks whose goals are expectations on the lab's *state* — checked on the lab a student's
//! session shows, whatever path the student took to it ("scored on the result, not on how
//! the task was done"). Each task has a weight, a hint for after a failed check, and steps
//! that solve it.
//!
//! An exercise file is RON like a scenario (`Exercise(title: ..., tasks: [Task(...)])`), read
//! with the same limits and refused with the same one-line errors naming the line and column.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::lab::{Lab, LabSpec};
use crate::scenario::{self, Expectation, Scenario, ScenarioError, Step, StepList};

/// An exercise, as its file holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Exercise", deny_unknown_fields)]
pub struct Exercise {
    pub title: String,
    /// What the student reads: one page a task, or as the trainer likes.
    #[serde(default)]
    pub instructions: Vec<String>,
    /// The starting lab (the default lab when None).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabSpec>,
    /// Steps played before the student starts, which the student does not see.
    #[serde(default)]
    pub setup: Vec<Step>,
    pub tasks: Vec<Task>,
    /// An exam: the window hides the Back End Inspector, the event log's reasons and Solve.
    #[serde(default)]
    pub exam: bool,
}

/// One task of an exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Task", deny_unknown_fields)]
pub struct Task {
    pub title: String,
    /// Expectations on the lab's state, all of which the finished task meets.
    pub goals: Vec<Expectation>,
    /// Its points (partial credit: its share of the goals met).
    #[serde(default = "one")]
    pub weight: u32,
    /// Shown after a check finds a goal not met.
    #[serde(default)]
    pub hint: String,
    /// Steps that do the task (the trainer's solution; never in the student's handout).
    #[serde(default)]
    pub solve: Vec<Step>,
}

fn one() -> u32 {
    1
}

impl Exercise {
    pub fn lab_spec(&self) -> LabSpec {
        self.lab.clone().unwrap_or_else(LabSpec::contoso)
    }

    /// The scenario a student's session starts from: the lab and the setup steps.
    pub fn starting_scenario(&self) -> Scenario {
        Scenario {
            title: self.title.clone(),
            lab: self.lab.clone(),
            steps: self.setup.clone(),
        }
    }

    /// The setup, then every task's solve steps in order: a session made from it by
    /// `record` is the trainer's solution.
    pub fn solution_scenario(&self) -> Scenario {
        let mut scenario = self.starting_scenario();
        scenario
            .steps
            .extend(self.tasks.iter().flat_map(|t| t.solve.iter().cloned()));
        scenario
    }

    /// The solution, then every task's goals as expectations: `check` on an exercise runs it,
    /// so a trainer knows the solve steps meet every goal.
    pub fn checked_scenario(&self) -> Scenario {
        let mut scenario = self.solution_scenario();
        scenario.steps.extend(
            self.tasks
                .iter()
                .flat_map(|t| t.goals.iter().cloned().map(Step::Expect)),
        );
        scenario
    }

    /// Where each step of [`Exercise::scenario`] is written in the exercise's text `source`
    /// (line, column), in its order: the setup's steps, then each task's solve steps.
    pub fn step_positions(&self, source: &str, with_solution: bool) -> Vec<Option<(usize, usize)>> {
        let index = scenario::locate::RonIndex::new(source);
        let setup = (0..self.setup.len()).map(|i| index.list_item("setup", i));
        let solve = self
            .tasks
            .iter()
            .enumerate()
            .flat_map(|(t, task)| (0..task.solve.len()).map(move |j| (t, j)));
        let solve: Vec<Option<(usize, usize)>> = match with_solution {
            true => solve
                .map(|(t, j)| index.nested_list_item("tasks", t, "solve", j))
                .collect(),
            false => Vec::new(),
        };
        setup.chain(solve).collect()
    }

    /// The starting scenario, or with `with_solution` the solution's: what `record` makes a
    /// session of, and whose captures an exercise's page (`report`) shows.
    pub fn scenario(&self, with_solution: bool) -> Scenario {
        match with_solution {
            true => self.solution_scenario(),
            false => self.starting_scenario(),
        }
    }

    /// Whether a session of starting lab `spec` playing `scenario` was made from this
    /// exercise: the same starting lab, and a scenario that begins with its setup. Err says
    /// why not.
    pub fn owns(&self, spec: &LabSpec, scenario: Option<&Scenario>) -> Result<(), String> {
        if spec != &self.lab_spec() {
            return Err("its lab is not the exercise's starting lab".into());
        }
        let steps = scenario.map_or(&[][..], |s| &s.steps[..]);
        if !steps.starts_with(&self.setup) {
            return Err("it does not start with the exercise's setup steps".into());
        }
        Ok(())
    }

    /// Whether a session whose scenario's next step is `next_step` has its setup done: a
    /// session before the exercise's start (back in the timeline, or recorded short of it)
    /// meets no goal, whatever its lab shows.
    pub fn progress(&self, next_step: usize) -> Progress {
        match next_step >= self.setup.len() {
            true => Progress::Started,
            false => Progress::BeforeItsStart,
        }
    }

    /// Each task's goals checked on `lab`, the lab of a session at `progress`.
    pub fn grade(&self, lab: &Lab, progress: Progress) -> Grade {
        let tasks: Vec<TaskGrade> = self
            .tasks
            .iter()
            .map(|task| {
                let unmet: Vec<Unmet> = task
                    .goals
                    .iter()
                    .filter_map(|goal| {
                        let check = scenario::check(lab, None, goal);
                        let found = match progress {
                            Progress::Started if check.passed => return None,
                            Progress::Started => check.found,
                            Progress::BeforeItsStart => {
                                "the session is before the exercise's start (its setup is not all done)".to_owned()
                            }
                        };
                        Some(Unmet {
                            goal: goal.plain(lab),
                            expected: check.expected,
                            found,
                        })
                    })
                    .collect();
                let met = task.goals.len() - unmet.len();
                TaskGrade {
                    title: task.title.clone(),
                    weight: task.weight,
                    points: Points::share(task.weight, met, task.goals.len()),
                    goals: task.goals.len(),
                    unmet,
                }
            })
            .collect();
        let points = Points(tasks.iter().map(|t| t.points.0).sum());
        let of = self.tasks.iter().map(|t| u64::from(t.weight)).sum();
        Grade { tasks, points, of }
    }
}

/// How far a session is into its exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Back before (or short of) the end of the setup.
    BeforeItsStart,
    /// The setup done: the student's work is what shows.
    Started,
}

/// The most a task may weigh (so that any exercise's points add up exactly).
pub const MAX_WEIGHT: u32 = 1000;

/// Points in hundredths (so that sums and comparisons are exact, and the same everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "f64")]
pub struct Points(pub u64);

impl Points {
    /// `weight`'s share for `met` of `of` goals, rounded down to a hundredth.
    fn share(weight: u32, met: usize, of: usize) -> Points {
        let met = u64::try_from(met).unwrap_or(u64::MAX);
        let of = u64::try_from(of.max(1)).unwrap_or(u64::MAX);
        Points(u64::from(weight) * 100 * met / of)
    }
}

impl From<Points> for f64 {
    fn from(p: Points) -> f64 {
        // Exact for any number of points a file can hold.
        p.0 as f64 / 100.0
    }
}

impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 % 100 {
            0 => write!(f, "{}", self.0 / 100),
            n if n % 10 == 0 => write!(f, "{}.{}", self.0 / 100, n / 10),
            n => write!(f, "{}.{n:02}", self.0 / 100),
        }
    }
}

/// How a lab does on an exercise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grade {
    pub tasks: Vec<TaskGrade>,
    pub points: Points,
    /// The most points there are.
    pub of: u64,
}

impl Grade {
    /// The share of the points, as a whole percentage (rounded to the nearest; 100 only
    /// when every point is there).
    pub fn percent(&self) -> u64 {
        match self.of {
            0 => 100,
            of if self.points.0 >= of * 100 => 100,
            of => ((self.points.0 + of / 2) / of).min(99),
        }
    }

    /// Every point is there.
    pub fn complete(&self) -> bool {
        self.points.0 >= self.of * 100
    }
}

/// How a lab does on one task.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskGrade {
    pub title: String,
    pub weight: u32,
    pub points: Points,
    pub goals: usize,
    pub unmet: Vec<Unmet>,
}

impl TaskGrade {
    pub fn met(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// A goal the lab does not meet, and why: what the lab shows instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unmet {
    /// The goal in plain words.
    pub goal: String,
    pub expected: String,
    pub found: String,
}

/// Whether the file at `path` holds an exercise (`Exercise(...)`), whether or not it is a
/// valid one (only its start is read).
pub fn is_exercise(path: &Path) -> bool {
    scenario::file_kind(path).as_deref() == Some("Exercise")
}

/// Reads and checks an exercise file.
pub fn load(path: &Path) -> Result<Exercise, ScenarioError> {
    let text = scenario::read_text(path)?;
    parse(&text).map_err(|e| e.with_path(path))
}

/// Parses and checks an exercise's text: malformed RON, unknown verbs and fields, names the
/// lab does not have, goals that are not about the lab's state, tasks without goals.
pub fn parse(source: &str) -> Result<Exercise, ScenarioError> {
    let exercise: Exercise = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(source)
        .map_err(|e| ScenarioError::from_ron(&e))?;
    let index = || scenario::locate::RonIndex::new(source);
    let at =
        |(line, column): (usize, usize), message: String| ScenarioError::at(line, column, message);
    if exercise.tasks.is_empty() {
        let place = index().field_position("tasks").unwrap_or((1, 1));
        return Err(at(place, "an exercise needs at least one task".into()));
    }
    let spec = exercise.lab_spec();
    scenario::check_names(
        &spec,
        exercise.setup.iter().enumerate(),
        source,
        StepList::Top("setup"),
        "setup step",
    )?;
    for (t, task) in exercise.tasks.iter().enumerate() {
        let n = t + 1;
        let task_at = || index().list_item("tasks", t).unwrap_or((1, 1));
        if task.goals.is_empty() {
            return Err(at(task_at(), format!("task {n} has no goals")));
        }
        if task.weight == 0 || task.weight > MAX_WEIGHT {
            let problem = format!(
                "task {n} has weight {}: give it 1 to {MAX_WEIGHT}",
                task.weight
            );
            return Err(at(task_at(), problem));
        }
        for (g, goal) in task.goals.iter().enumerate() {
            if goal.is_about_the_previous_action() {
                let place = index()
                    .nested_list_item("tasks", t, "goals", g)
                    .unwrap_or((1, 1));
                return Err(at(
                    place,
                    format!(
                        "goal {} of task {n} is {}, which is about the previous action: a goal is about the lab's state, checked whatever the student did last",
                        g + 1,
                        goal.verb()
                    ),
                ));
            }
        }
        let goals: Vec<Step> = task.goals.iter().cloned().map(Step::Expect).collect();
        scenario::check_names(
            &spec,
            goals.iter().enumerate(),
            source,
            StepList::Nested("tasks", t, "goals"),
            &format!("task {n} goal"),
        )?;
        scenario::check_names(
            &spec,
            task.solve.iter().enumerate(),
            source,
            StepList::Nested("tasks", t, "solve"),
            &format!("task {n} solve step"),
        )?;
    }
    Ok(exercise)
}

/// The formats `grade` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Junit,
}

/// A student's session and how it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Graded {
    /// The session's file name, as given.
    pub session: String,
    #[serde(flatten)]
    pub grade: Grade,
}

/// The grades of every session, in `format`.
pub fn write(exercise: &Exercise, graded: &[Graded], format: Format) -> String {
    match format {
        Format::Table => table(exercise, graded),
        Format::Csv => csv(exercise, graded),
        Format::Json => json(exercise, graded),
        Format::Junit => junit(exercise, graded),
    }
}

fn table(exercise: &Exercise, graded: &[Graded]) -> String {
    let mut out = format!("{}\n", exercise.title);
    for g in graded {
        let _ = writeln!(
            out,
            "\n{}: {} of {} points ({}%)",
            g.session,
            g.grade.points,
            g.grade.of,
            g.grade.percent()
        );
        for (n, task) in g.grade.tasks.iter().enumerate() {
            let mark = if task.met() { "met" } else { "not met" };
            let _ = writeln!(
                out,
                "  {}. {} — {mark}: {} of {}",
                n + 1,
                task.title,
                task.points,
                task.weight
            );
            for unmet in &task.unmet {
                let _ = writeln!(
                    out,
                    "       not met: {} (expected {}; found {})",
                    unmet.goal, unmet.expected, unmet.found
                );
            }
        }
    }
    out
}

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(exercise: &Exercise, graded: &[Graded]) -> String {
    let mut header = vec!["session".to_owned()];
    // Numbered: two tasks may share a title.
    header.extend(
        exercise
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| csv_field(&format!("{}. {}", i + 1, t.title))),
    );
    header.extend(["total".to_owned(), "of".to_owned(), "not met".to_owned()]);
    let mut out = header.join(",");
    out.push_str("\r\n");
    for g in graded {
        let mut row = vec![csv_field(&g.session)];
        row.extend(g.grade.tasks.iter().map(|t| t.points.to_string()));
        row.push(g.grade.points.to_string());
        row.push(g.grade.of.to_string());
        let reasons: Vec<String> = g
            .grade
            .tasks
            .iter()
            .flat_map(|t| {
                t.unmet
                    .iter()
                    .map(move |u| format!("{}: {} (found {})", t.title, u.goal, u.found))
            })
            .collect();
        row.push(csv_field(&reasons.join("; ")));
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn json(exercise: &Exercise, graded: &[Graded]) -> String {
    let value = serde_json::json!({
        "exercise": exercise.title,
        "sessions": graded,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// "1 point", "2 points".
pub fn points_word(weight: u32) -> &'static str {
    if weight == 1 { "point" } else { "points" }
}

/// JUnit XML, as CI servers read it: a test suite per session, a test case per task, a
/// failure per task not met, naming its goals not met and why.
fn junit(exercise: &Exercise, graded: &[Graded]) -> String {
    let failures = |g: &Graded| g.grade.tasks.iter().filter(|t| !t.met()).count();
    let total: usize = graded.iter().map(failures).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{total}\">",
        crate::text::xml(&exercise.title),
        graded.len() * exercise.tasks.len()
    );
    for g in graded {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            crate::text::xml(&g.session),
            g.grade.tasks.len(),
            failures(g)
        );
        for task in &g.grade.tasks {
            let name = format!(
                "{} ({} of {} {})",
                task.title,
                task.points,
                task.weight,
                points_word(task.weight)
            );
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                crate::text::xml(&g.session),
                crate::text::xml(&name)
            );
            if task.met() {
                out.push_str("/>\n");
                continue;
            }
            let message = format!("{} of {} goals not met", task.unmet.len(), task.goals);
            let details: Vec<String> = task
                .unmet
                .iter()
                .map(|u| format!("{}: expected {}; found {}", u.goal, u.expected, u.found))
                .collect();
            let _ = writeln!(
                out,
                ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                crate::text::xml(&message),
                crate::text::xml(&details.join("\n"))
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
