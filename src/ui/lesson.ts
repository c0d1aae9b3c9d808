// `kubelings lesson`: which lesson to show, and its text rendered for the terminal (or plain when piped).
import { existsSync, readFileSync } from 'node:fs'
import { findExercise, findLesson, type Course, type Lesson } from '../course/course.js'
import { UserError } from '../course/errors.js'
import { t, type Lang } from '../course/i18n.js'
import type { Progress } from '../course/progress.js'
import { currentExercise } from '../course/session.js'
import { renderMarkdown } from './markdown.js'

/** The lesson an argument names (lesson id, folder, or one of its exercises), else the current one's. */
export function pickLesson(course: Course, progress: Progress, id: string | undefined, lang: Lang): Lesson {
  if (id !== undefined) {
    const lesson = findLesson(course, id) ?? course.lessons.find((l) => l.id === findExercise(course, id)?.lesson)
    if (!lesson) throw new UserError(t(lang, 'lesson.unknown', { id }), 2)
    return lesson
  }
  const current = currentExercise(course, progress)
  const lesson = current ? course.lessons.find((l) => l.id === current.lesson) : course.lessons[0]
  if (!lesson) throw new UserError(t(lang, 'course.empty', { dir: course.root }), 3)
  return lesson
}

export async function renderLesson(lesson: Lesson, lang: Lang, o: { width: number; color: boolean }): Promise<string> {
  const file = lesson.text[lang]
  if (!existsSync(file)) throw new UserError(t(lang, 'lesson.textMissing', { id: lesson.id, file }), 3)
  return renderMarkdown(readFileSync(file, 'utf8'), o)
}
