"""The CI files `sitegen init --ci` writes. examples/ci/ holds them as written for a tagged release
(tests/test_ci.py keeps them equal).

They live in a module, not only in examples/, so that a sitegen installed from its repository has them. The
one line that differs between sites is SITEGEN_PACKAGE: the pip requirement of the sitegen that ran `init`
(see provenance.py).
"""

from __future__ import annotations

import json

PACKAGE_KEY = "SITEGEN_PACKAGE"
_MARK = "@SITEGEN_PACKAGE@"


def _fill(template: str, requirement: str) -> str:
    # A YAML double-quoted scalar: JSON's string syntax is a subset of it.
    return template.replace(f'"{_MARK}"', json.dumps(requirement, ensure_ascii=False))


def github_pages(requirement: str) -> str:
    return _fill(_GITHUB_PAGES, requirement)


def gitlab_ci(requirement: str) -> str:
    return _fill(_GITLAB_CI, requirement)


def package_line(text: str) -> tuple[int, str]:
    """(1-based line number, text) of the SITEGEN_PACKAGE line in a CI file."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(PACKAGE_KEY + ":"):
            return number, line.strip()
    raise ValueError("no SITEGEN_PACKAGE line")  # the templates have one; a test keeps it so


_GITHUB_PAGES = r"""# Bản tin (sitegen): kiểm tra, dựng và xuất bản mỗi lần đẩy nội dung lên GitHub.
#
# Chép nguyên tệp này vào .github/workflows/ban-tin.yml của kho nội dung bản tin (hoặc tạo sẵn bằng
# `sitegen init THU-MUC --ci github`). Từng bước được giải thích trong README của sitegen, mục
# "Xuất bản" (các bước: "Các bước của CI").
#
# Thiết lập một lần:
#   1. SITEGEN_PACKAGE bên dưới là bản sitegen máy CI cài bằng pip: `sitegen init` ghi sẵn đúng bản đã chạy
#      nó. Muốn đổi phiên bản, chỉ sửa dòng đó (mỗi bản phát hành có thẻ v<phiên bản>, ví dụ v0.1.0, trên kho
#      mã nguồn của sitegen). KHÔNG dùng `pip install sitegen`: tên "sitegen" trên PyPI là của dự án khác.
#   2. Xuất bản lên GitHub Pages (mặc định): Settings → Pages → Source: "GitHub Actions"; đặt `base_url` trong
#      site.yaml đúng địa chỉ Pages (ví dụ https://ten-to-chuc.github.io/ten-kho/).
#   3. Hoặc lên máy chủ của cơ quan qua rsync/SSH: Settings → Secrets and variables → Actions:
#        biến (Variables)  SITEGEN_DEPLOY_TARGET    ví dụ  bantin@may-chu.example.vn:/var/www/bantin
#        biến (Variables)  SITEGEN_INTERNAL_TARGET  (tùy chọn) nơi đặt bản nội bộ, sau kiểm soát truy cập
#        bí mật (Secrets)  SSH_PRIVATE_KEY          khóa riêng của tài khoản triển khai trên máy chủ
#        bí mật (Secrets)  SSH_KNOWN_HOSTS          kết quả của `ssh-keyscan may-chu.example.vn`
#      Khi có SITEGEN_DEPLOY_TARGET, bản tin không đưa lên GitHub Pages.
#   Kho có văn bản nội bộ (audience: internal) phải là kho riêng tư (private).
name: Bản tin

# Mọi lần đẩy và pull request đều được kiểm tra; chỉ nhánh mặc định của kho được xuất bản (PUBLISH).
on:
  push:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: ban-tin-${{ github.ref }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

env:
  SITEGEN_PACKAGE: "@SITEGEN_PACKAGE@"
  PYTHONUTF8: "1"
  DEPLOY_TARGET: ${{ vars.SITEGEN_DEPLOY_TARGET }}
  INTERNAL_TARGET: ${{ vars.SITEGEN_INTERNAL_TARGET }}
  # Chỉ xuất bản khi đẩy lên nhánh chính; với pull request chỉ kiểm tra và dựng thử.
  PUBLISH: ${{ github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch }}

defaults:
  run:
    shell: bash

jobs:
  build:
    name: Kiểm tra, dựng, xuất bản
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - name: Lấy nội dung
        uses: actions/checkout@v4

      - name: Python 3.11
        uses: actions/setup-python@v5
        with:
          python-version: "3.11"

      - name: Thư viện ICU (sắp xếp tiếng Việt)
        id: system-deps
        run: sudo apt-get update -q && sudo apt-get install -y -q --no-install-recommends libicu-dev pkg-config

      - name: Bộ nhớ đệm của pip
        uses: actions/cache@v4
        with:
          path: ~/.cache/pip
          key: pip-${{ runner.os }}-py311-${{ hashFiles('.github/workflows/*.yml') }}

      - name: Cài sitegen
        id: install
        run: python -m pip install "$SITEGEN_PACKAGE"

      - name: Bộ nhớ đệm dựng trang (.sitegen-cache/)
        uses: actions/cache@v4
        with:
          # output/ đi kèm để lần dựng sau giữ nguyên các trang không đổi thay vì dựng lại.
          path: |
            .sitegen-cache
            output
          key: sitegen-${{ runner.os }}-${{ github.sha }}
          restore-keys: sitegen-${{ runner.os }}-

      - name: Kiểm tra nội dung
        run: sitegen check --strict --format github

      - name: Dựng bản công khai
        run: sitegen build --strict --format github

      - name: Dựng bản nội bộ
        if: env.INTERNAL_TARGET != ''
        run: sitegen build --audience internal --strict --format github

      - name: Kiểm tra trước khi xuất bản
        run: |
          sitegen verify --strict --format github
          if [ -n "$INTERNAL_TARGET" ]; then
            sitegen verify --audience internal --strict --format github
          fi

      - name: Khóa SSH
        if: env.PUBLISH == 'true' && (env.DEPLOY_TARGET != '' || env.INTERNAL_TARGET != '')
        env:
          SSH_PRIVATE_KEY: ${{ secrets.SSH_PRIVATE_KEY }}
          SSH_KNOWN_HOSTS: ${{ secrets.SSH_KNOWN_HOSTS }}
        run: |
          if [ -z "$SSH_PRIVATE_KEY" ]; then exit 0; fi  # nơi nhận là thư mục trên máy chạy
          install -m 700 -d ~/.ssh
          printf '%s\n' "$SSH_PRIVATE_KEY" > ~/.ssh/id_sitegen
          chmod 600 ~/.ssh/id_sitegen
          printf '%s\n' "$SSH_KNOWN_HOSTS" >> ~/.ssh/known_hosts
          echo "RSYNC_RSH=ssh -i $HOME/.ssh/id_sitegen -o BatchMode=yes" >> "$GITHUB_ENV"

      - name: Xuất bản lên máy chủ của cơ quan
        if: env.PUBLISH == 'true' && env.DEPLOY_TARGET != ''
        run: sitegen deploy --out output --to "$DEPLOY_TARGET" --format github

      - name: Xuất bản bản nội bộ
        if: env.PUBLISH == 'true' && env.INTERNAL_TARGET != ''
        run: sitegen deploy --out output-noi-bo --to "$INTERNAL_TARGET" --internal-target --format github

      - name: Chuẩn bị cho GitHub Pages
        if: env.PUBLISH == 'true' && env.DEPLOY_TARGET == ''
        run: sitegen deploy --out output --to _site --format github

      - name: Tải lên GitHub Pages
        if: env.PUBLISH == 'true' && env.DEPLOY_TARGET == ''
        uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  pages:
    name: GitHub Pages
    needs: build
    if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch && vars.SITEGEN_DEPLOY_TARGET == ''
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Xuất bản lên GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""

_GITLAB_CI = r"""# Bản tin (sitegen): kiểm tra, dựng và xuất bản mỗi lần đẩy nội dung lên GitLab.
#
# Chép nguyên tệp này thành .gitlab-ci.yml ở gốc kho nội dung bản tin (hoặc tạo sẵn bằng
# `sitegen init THU-MUC --ci gitlab`). Từng bước được giải thích trong README của sitegen, mục
# "Xuất bản" (các bước: "Các bước của CI").
#
# Thiết lập một lần:
#   1. SITEGEN_PACKAGE bên dưới là bản sitegen máy CI cài bằng pip: `sitegen init` ghi sẵn đúng bản đã chạy
#      nó. Muốn đổi phiên bản, chỉ sửa dòng đó (mỗi bản phát hành có thẻ v<phiên bản>, ví dụ v0.1.0, trên kho
#      mã nguồn của sitegen). KHÔNG dùng `pip install sitegen`: tên "sitegen" trên PyPI là của dự án khác.
#   2. Xuất bản lên GitLab Pages (mặc định): đặt `base_url` trong site.yaml đúng địa chỉ Pages của dự án.
#   3. Hoặc lên máy chủ của cơ quan qua rsync/SSH: Settings → CI/CD → Variables (kiểu Variable, Protected):
#        SITEGEN_DEPLOY_TARGET    ví dụ  bantin@may-chu.example.vn:/var/www/bantin
#        SITEGEN_INTERNAL_TARGET  (tùy chọn) nơi đặt bản nội bộ, sau kiểm soát truy cập
#        SSH_PRIVATE_KEY          khóa riêng của tài khoản triển khai trên máy chủ
#        SSH_KNOWN_HOSTS          kết quả của `ssh-keyscan may-chu.example.vn`
#      Khi có SITEGEN_DEPLOY_TARGET, bản tin không đưa lên GitLab Pages.
#   Dự án có văn bản nội bộ (audience: internal) phải là dự án riêng tư (private).

variables:
  SITEGEN_PACKAGE: "@SITEGEN_PACKAGE@"
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.pip-cache"
  PYTHONUTF8: "1"

# Một pipeline cho mỗi lần đẩy: của merge request nếu nhánh đang có merge request mở, không thì của nhánh.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH

stages:
  - kiem-tra
  - xuat-ban

.sitegen:
  image: python:3.11
  before_script:
    - apt-get update -q && apt-get install -y -q --no-install-recommends libicu-dev pkg-config rsync openssh-client
    - python -m pip install "$SITEGEN_PACKAGE"
  cache:
    - key: pip-py311
      paths: [.pip-cache/]
    # .sitegen-cache/ (và output/) giữ giữa các lần chạy: lần dựng sau chỉ làm lại phần thay đổi.
    - key: sitegen-$CI_COMMIT_REF_SLUG
      paths: [.sitegen-cache/, output/]

# Mọi nhánh và merge request: kiểm tra nội dung, dựng thử, kiểm tra bản dựng.
kiem-tra:
  extends: .sitegen
  stage: kiem-tra
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH
  script:
    - sitegen check --strict
    - sitegen build --strict
    - sitegen verify --strict

# Nhánh chính, không có máy chủ riêng: xuất bản lên GitLab Pages (thư mục public/).
pages:
  extends: .sitegen
  stage: xuat-ban
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && ($SITEGEN_DEPLOY_TARGET == null || $SITEGEN_DEPLOY_TARGET == "")
  script:
    - sitegen check --strict
    - sitegen build --strict
    - sitegen verify --strict
    - sitegen deploy --out output --to public
  artifacts:
    paths: [public]

# Nhánh chính, có máy chủ của cơ quan: rsync qua SSH (và bản nội bộ nếu có nơi nhận).
may-chu:
  extends: .sitegen
  stage: xuat-ban
  resource_group: xuat-ban
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $SITEGEN_DEPLOY_TARGET
  script:
    - sitegen check --strict
    - sitegen build --strict
    - sitegen verify --strict
    - if [ -n "$SITEGEN_INTERNAL_TARGET" ]; then sitegen build --audience internal --strict; sitegen verify --audience internal --strict; fi
    - |
      if [ -n "$SSH_PRIVATE_KEY" ]; then
        install -m 700 -d ~/.ssh
        printf '%s\n' "$SSH_PRIVATE_KEY" > ~/.ssh/id_sitegen
        chmod 600 ~/.ssh/id_sitegen
        printf '%s\n' "$SSH_KNOWN_HOSTS" >> ~/.ssh/known_hosts
        export RSYNC_RSH="ssh -i $HOME/.ssh/id_sitegen -o BatchMode=yes"
      fi
    - sitegen deploy --out output --to "$SITEGEN_DEPLOY_TARGET"
    - if [ -n "$SITEGEN_INTERNAL_TARGET" ]; then sitegen deploy --out output-noi-bo --to "$SITEGEN_INTERNAL_TARGET" --internal-target; fi
"""
